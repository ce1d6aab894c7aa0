package io.snapsim.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {

    @Test
    void readsBackWhatTheHistoryWroteUnderItsSchemaHeader(@TempDir Path dir) throws IOException {
        List<HistoryEvent> events = List.of(
                new JobEvents.Deployed(3, "master", 0, 6, null),
                new FaultInjected(9, "sum#0", 0, 1, "crash", "sum#0", "before-snapshot", 2L, "a \"quoted\"\nline"),
                new TaskEvents.Lifecycle(10, "source#1", 0, TaskPhase.FAILED, 1200L, 0L, "boom"),
                new TaskEvents.BarrierReceived(11, "sum#0", 0, 2, 1, 4096),
                new TaskEvents.Restored(12, "source#0", 1, 2, new TreeMap<>(Map.of("b", 2L, "a", 1L))));
        Path file = dir.resolve("history.jsonl");
        try (History history = History.jsonl(file)) {
            events.forEach(history::append);
        }

        assertThat(Files.readAllLines(file).get(0)).isEqualTo("{\"schema\":\"snapsim-history\",\"version\":2}");
        assertThat(HistoryReader.read(file)).isEqualTo(events);
        assertThat(HistoryReader.read(file, Set.of(FaultInjected.class, TaskEvents.Lifecycle.class)))
                .containsExactly(events.get(1), events.get(2));
    }

    @Test
    void writesTheTypeFirstThenTheFieldsInOrderWithoutNulls() {
        assertThat(HistoryJson.write(new TaskEvents.BarrierReceived(25, "sum->sink#0", 0, 1, 1, 4096)))
                .isEqualTo("{\"type\":\"barrier-received\",\"time\":25,\"actor\":\"sum->sink#0\",\"attempt\":0,"
                        + "\"checkpoint\":1,\"channel\":1,\"records\":4096}");
        assertThat(HistoryJson.write(new JobEvents.Deployed(2, "master", 0, 6, null)))
                .isEqualTo("{\"type\":\"deploy\",\"time\":2,\"actor\":\"master\",\"attempt\":0,\"tasks\":6}");
        assertThat(HistoryJson.write(new TaskEvents.Restored(2, "s#0", 1, 3, Map.of("z", 1L, "a", 2L))))
                .as("maps in key order, so that a history replays byte for byte").contains("{\"a\":2,\"z\":1}");
    }

    @Test
    void everyKindOfEventHasATypeName() {
        for (Class<?> type : HistoryEvent.class.getPermittedSubclasses()) {
            assertThat(HistoryJson.typeName(type)).as("%s", type).matches("[a-z]+(-[a-z]+)*");
        }
    }

    @Test
    void refusesAFileWithoutTheSchemaHeader(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("history.jsonl"), "{\"time\":1,\"actor\":\"master\",\"type\":\"deploy\"}\n");

        assertThatThrownBy(() -> HistoryReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": not a snapsim history: its first line must be");
    }

    @Test
    void refusesAnotherSchemaVersion(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("history.jsonl"), "{\"schema\":\"snapsim-history\",\"version\":9}\n");

        assertThatThrownBy(() -> HistoryReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": history schema version 9, this snapsim reads version 2");
    }

    @Test
    void refusesALineThatIsNotAnEvent(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("history.jsonl"), HistoryJson.HEADER + "\nnot json\n");

        assertThatThrownBy(() -> HistoryReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": line 2 is not a history event");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> HistoryReader.read(dir.resolve("history.jsonl")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void countsRecordsOverAllAttemptsAndInTheLast() {
        List<HistoryEvent> history = List.of(ended("source#0", 0, 500, 0), ended("sink#0", 0, 0, 450),
                ended("source#0", 1, 700, 0), ended("sink#0", 1, 0, 700),
                new TaskEvents.Lifecycle(0, "sink#0", 1, TaskPhase.RUNNING, null, null, null),
                new JobEvents.Deployed(1, "master", 1, 2, null));

        assertThat(RecordCounts.of(history)).isEqualTo(new RecordCounts(1200, 1150, 2, 700, 700));
    }

    private static HistoryEvent ended(String actor, int attempt, long read, long written) {
        return new TaskEvents.Lifecycle(0, actor, attempt, TaskPhase.FINISHED, read, written, null);
    }
}
