package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The timeline's data, built from the history of a real run with a crash, checked against that history. */
class TimelineDataTest {
    private final ReportInput input = CrashRun.input(CrashRun.aligned());
    private final List<HistoryEvent> history = input.history();
    private final Map<String, Object> data = TimelineData.of(history);

    @Test
    void hasALanePerTaskAfterTheMasterAndTheCoordinatorSourcesFirst() {
        assertThat(data.get("lanes")).isEqualTo(List.of("master", "coordinator", "source#0", "source#1", "sum->sink#0",
                "sum->sink#1"));
    }

    @Test
    void writesEveryEventAsARowOfItsKindWithItsFields() {
        List<List<Object>> rows = rows("events");
        assertThat(rows).hasSize(history.size());
        List<List<Object>> kinds = rows("kinds");
        Set<String> types = history.stream().map(HistoryEvent::type).collect(Collectors.toSet());
        assertThat(kinds.stream().map(k -> (String) k.get(0))).containsExactlyInAnyOrderElementsOf(types);
        List<Object> barrierKind = kinds.stream().filter(k -> k.get(0).equals("barrier-received")).findFirst().orElseThrow();
        assertThat(barrierKind.get(1)).isEqualTo(List.of("checkpoint", "channel", "records"));
        assertThat(barrierKind.get(2)).isEqualTo("nnn");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(((Number) rows.get(i).get(0)).doubleValue())
                    .isGreaterThanOrEqualTo(((Number) rows.get(i - 1).get(0)).doubleValue());
        }
    }

    @Test
    void joinsEveryReceivedBarrierToItsSenderWithTheSameRecordCount() {
        long received = history.stream().filter(e -> e instanceof TaskEvents.BarrierReceived).count();
        List<List<Object>> arrows = rows("arrows");
        List<List<Object>> joined = arrows.stream().filter(a -> a.get(2) != null).toList();
        assertThat(joined).hasSize((int) received);
        assertThat(arrows).hasSize((int) history.stream().filter(e -> e instanceof TaskEvents.BarrierSent).count());
        for (List<Object> a : joined) {
            assertThat(a.get(6)).as("FIFO channels: received before the barrier = sent before it").isEqualTo(a.get(5));
            assertThat(((Number) a.get(2)).doubleValue()).isGreaterThan(((Number) a.get(0)).doubleValue());
            assertThat((int) a.get(1)).as("sent by a source").isIn(2, 3);
            assertThat((int) a.get(3)).as("received by sum->sink").isIn(4, 5);
        }
    }

    @Test
    void namesTheSenderOfEveryBlockedChannel() {
        List<List<Object>> alignments = rows("alignments");
        long started = history.stream().filter(e -> e instanceof TaskEvents.AlignmentStarted).count();
        assertThat(alignments).hasSize((int) started);
        for (List<Object> span : alignments) {
            @SuppressWarnings("unchecked")
            List<List<Object>> blocked = (List<List<Object>>) span.get(6);
            assertThat(blocked).isNotEmpty().allSatisfy(b -> assertThat((int) b.get(1)).isIn(2, 3));
        }
    }

    @Test
    void endsEachCheckpointAsTheCoordinatorDid() {
        Set<Long> completed = ids(history, CheckpointEvents.Completed.class);
        Set<Long> aborted = ids(history, CheckpointEvents.Aborted.class);
        assertThat(aborted).containsExactly(2L);
        for (List<Object> c : rows("checkpoints")) {
            long id = ((Number) c.get(0)).longValue();
            assertThat(c.get(3)).isEqualTo(completed.contains(id) ? RunSpans.COMPLETED
                    : aborted.contains(id) ? RunSpans.FAILED : RunSpans.UNFINISHED);
        }
    }

    @Nested
    class Attempts {
        @Test
        void separatesTheAttemptAndSaysWhatTheSecondRestored() {
            List<List<Object>> attempts = rows("attempts");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).get(3)).isNull();
            assertThat(attempts.get(1).get(3)).isEqualTo(1L);
            double failover = history.stream().filter(e -> e instanceof JobEvents.Failover).findFirst().orElseThrow().time();
            assertThat(((Number) attempts.get(0).get(2)).doubleValue()).isBetween(failover, failover + 1);
        }
    }

    private static Set<Long> ids(List<HistoryEvent> history, Class<?> type) {
        return history.stream().filter(type::isInstance).map(e -> e instanceof CheckpointEvents.Completed c ? c.checkpoint()
                : ((CheckpointEvents.Aborted) e).checkpoint()).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> rows(String key) {
        return (List<List<Object>>) data.get(key);
    }
}
