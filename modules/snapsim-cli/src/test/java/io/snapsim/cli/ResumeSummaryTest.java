package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's {@code restored:} line. */
class ResumeSummaryTest {
    private static final RestoredSnapshot CHK_3 = new RestoredSnapshot(SnapshotKind.CHECKPOINT, 3, "0a63",
            "/runs/a/checkpoints/0a63/chk-3/_metadata");

    @Test
    void namesTheSnapshotItsJobAndPathAndTheCheckpointsCompletedSinceAsRanges() {
        assertThat(ResumeSummary.describe(CHK_3, List.of(4L, 5L, 6L, 7L))).isEqualTo(
                "checkpoint 3 of job 0a63 from /runs/a/checkpoints/0a63/chk-3/_metadata; this run completed checkpoints 4..7");
        assertThat(ResumeSummary.ranges(List.of(4L, 5L, 7L, 9L, 10L))).isEqualTo("4..5, 7, 9..10");
    }

    @Test
    void saysSoWhenTheRunCompletedOneOrNoCheckpoint() {
        RestoredSnapshot savepoint = new RestoredSnapshot(SnapshotKind.SAVEPOINT, 6, "0a63", "/sp/_metadata");
        assertThat(ResumeSummary.describe(savepoint, List.of(7L))).endsWith("savepoint 6 of job 0a63 from /sp/_metadata;"
                + " this run completed checkpoint 7").startsWith("savepoint 6");
        assertThat(ResumeSummary.describe(CHK_3, List.of())).endsWith("; this run completed no checkpoint");
    }
}
