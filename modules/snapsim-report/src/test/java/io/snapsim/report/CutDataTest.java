package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The cut of each checkpoint of real runs with a crash, and what its explanation says. */
class CutDataTest {
    private static final List<String> TASKS = List.of("source#0", "source#1", "sum->sink#0", "sum->sink#1");

    @Nested
    class Aligned {
        private final List<HistoryEvent> history = CrashRun.input(CrashRun.aligned()).history();
        private final List<CheckpointCut> cuts = CutData.cuts(history);

        @Test
        void cutsEveryCompletedCheckpointThroughEveryTaskWithNothingInFlight() {
            List<CheckpointCut> completed = cuts.stream().filter(CheckpointCut::completed).toList();
            assertThat(completed).hasSizeGreaterThanOrEqualTo(2);
            for (CheckpointCut cut : completed) {
                assertThat(TASKS).allSatisfy(t -> assertThat(cut.tasks.get(t).snapshotSeq).as("%s in %s", t, cut.id).isNotNull());
                assertThat(cut.channels).hasSize(4).allSatisfy(c -> assertThat(c.inFlight()).isZero());
                assertThat(TASKS).allSatisfy(t -> assertThat(cut.overtaken(t)).isIn(null, 0L));
                String text = CutExplanation.of(cut, TASKS, true);
                assertThat(text).contains("all 4 tasks took their snapshot", "no record was in flight across the cut",
                        "The snapshot is consistent");
            }
        }

        @Test
        void countsTheRecordsHeldBehindBlockedChannelsAsTheHistoryDoes() {
            long heldInHistory = history.stream().filter(e -> e instanceof TaskEvents.ChannelUnblocked)
                    .mapToLong(e -> ((TaskEvents.ChannelUnblocked) e).held()).sum();
            long heldInCuts = cuts.stream().flatMap(c -> c.channels.stream()).mapToLong(c -> c.held == null ? 0 : c.held).sum();
            assertThat(heldInHistory).as("the run holds records behind barriers at all").isPositive();
            assertThat(heldInCuts).isEqualTo(heldInHistory);
            CheckpointCut holding = cuts.stream().filter(c -> c.channels.stream().anyMatch(ch -> ch.held != null && ch.held > 0))
                    .findFirst().orElseThrow();
            assertThat(CutExplanation.of(holding, TASKS, true)).containsPattern(
                    "[\\d,]+ records? arrived on its blocked channels meanwhile and wait for the next epoch");
        }

        @Test
        void explainsTheCheckpointTheCrashFailed() {
            CheckpointCut failed = cuts.stream().filter(c -> c.id == 2).findFirst().orElseThrow();
            assertThat(failed.status).isEqualTo("failed");
            assertThat(failed.tasks.get("sum->sink#0").snapshotSeq).isNull();
            assertThat(failed.tasks.get("sum->sink#0").failedSeq).isNotNull();
            assertThat(CutExplanation.of(failed, TASKS, true)).contains("failed (TASK_FAILURE", "sum->sink#0",
                    "did not", "The cut is incomplete");
        }

        @Test
        void placesEachTasksSnapshotBeforeTheBarriersItForwarded() {
            for (CheckpointCut cut : cuts) {
                for (CheckpointCut.Channel c : cut.channels) {
                    assertThat(cut.tasks.get(c.sender).snapshotSeq).isLessThanOrEqualTo(c.sentSeq);
                }
            }
        }
    }

    @Nested
    class AtLeastOnce {
        private final ReportInput input = CrashRun.input(CrashRun.atLeastOnce());
        private final List<CheckpointCut> cuts = CutData.cuts(input.history());

        @Test
        void findsRecordsThatOvertookABarrierIntoTheSnapshot() {
            assertThat(CutSection.aligned(input.record().inputs())).isFalse();
            CheckpointCut cut = cuts.stream().filter(c -> TASKS.stream().map(c::overtaken).anyMatch(n -> n != null && n > 0))
                    .findFirst().orElseThrow();
            assertThat(cut.channels).allSatisfy(c -> assertThat(c.blockedSeq).isNull());
            assertThat(CutExplanation.of(cut, TASKS, false)).contains("AT_LEAST_ONCE", "overtook", "duplicates",
                    "This cut is not consistent");
        }
    }
}
