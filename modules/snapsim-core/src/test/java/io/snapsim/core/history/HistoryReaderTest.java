package io.snapsim.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {

    @Test
    void readsBackWhatTheHistoryWrote(@TempDir Path dir) {
        TreeMap<String, Long> counts = new TreeMap<>();
        counts.put(EventTypes.SOURCE_RECORDS, 1200L);
        counts.put(EventTypes.SINK_RECORDS, 0L);
        List<HistoryEvent> events = List.of(
                new HistoryEvent(3, "master", "deploy", 0, -1, -1, "deploy attempt 0 (fresh start)"),
                new HistoryEvent(9, "sum#0", EventTypes.FAULT_FIRED, 0, 2, -1, 1, "a \"quoted\"\nline", null),
                new HistoryEvent(10, "source#1", EventTypes.TASK_ENDED, 0, -1, -1, -1, "failed", counts),
                new HistoryEvent(11, "sum#0", "barrier-received", 0, 2, 1, null));
        Path file = dir.resolve("history.jsonl");
        try (History history = History.jsonl(file)) {
            events.forEach(history::append);
        }

        assertThat(HistoryReader.read(file, Set.of())).isEqualTo(events);
        assertThat(HistoryReader.read(file, Set.of(EventTypes.FAULT_FIRED, EventTypes.TASK_ENDED)))
                .containsExactly(events.get(1), events.get(2));
    }

    @Test
    void writesTheFaultAndTheCountsAsTypedFields() {
        TreeMap<String, Long> counts = new TreeMap<>();
        counts.put("b", 2L);
        counts.put("a", 1L);
        assertThat(new HistoryEvent(5, "sum#0", "task-ended", 1, -1, -1, 4, "x", counts).toJson())
                .isEqualTo("{\"time\":5,\"actor\":\"sum#0\",\"type\":\"task-ended\",\"attempt\":1,\"fault\":4,"
                        + "\"detail\":\"x\",\"counts\":{\"a\":1,\"b\":2}}");
    }

    @Test
    void refusesALineThatIsNotAnEvent(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("history.jsonl"), "{\"time\":1,\"type\":\"deploy\"}\nnot json\n");

        assertThatThrownBy(() -> HistoryReader.read(file, Set.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": line 2 is not JSON");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> HistoryReader.read(dir.resolve("history.jsonl"), Set.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void countsRecordsOverAllAttemptsAndInTheLast() {
        List<HistoryEvent> history = List.of(ended("source#0", 0, 500, 0), ended("sink#0", 0, 0, 450),
                ended("source#0", 1, 700, 0), ended("sink#0", 1, 0, 700), new HistoryEvent(1, "x", "deploy", 1, -1, -1, null));

        assertThat(RecordCounts.of(history)).isEqualTo(new RecordCounts(1200, 1150, 2, 700, 700));
    }

    private static HistoryEvent ended(String actor, int attempt, long read, long written) {
        TreeMap<String, Long> counts = new TreeMap<>();
        counts.put(EventTypes.SOURCE_RECORDS, read);
        counts.put(EventTypes.SINK_RECORDS, written);
        return new HistoryEvent(0, actor, EventTypes.TASK_ENDED, attempt, -1, -1, -1, null, counts);
    }
}
