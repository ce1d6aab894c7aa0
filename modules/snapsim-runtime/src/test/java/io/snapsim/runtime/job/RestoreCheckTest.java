package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreCheckTest {
    private static final Path FILE = Path.of("/cp/job/chk-4/_metadata");

    private static JobGraph runningSum(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return BuiltInJobs.build("running-sum", Map.of(), env, 1, FileSinks.discarding());
    }

    private static CheckpointMetadata snapshot(SnapshotKind kind, int parallelism, String... operators) {
        List<OperatorStateSnapshot> ops = new ArrayList<>();
        for (String uid : operators) {
            List<SubtaskStateSnapshot> subtasks = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                subtasks.add(new SubtaskStateSnapshot(i, new KeyGroupRange(0, 127), new StateHandle.Inline(new byte[] {1}),
                        null, Map.of()));
            }
            ops.add(new OperatorStateSnapshot(uid, uid, parallelism, 128, subtasks));
        }
        return new CheckpointMetadata("job", 4, 1, 2, kind, "RETAIN_ON_CANCELLATION", ops);
    }

    @Test
    void aCheckpointResumesAtItsOwnParallelism() {
        assertThatCode(() -> RestoreCheck.check(snapshot(SnapshotKind.CHECKPOINT, 2, "sum"), FILE, runningSum(2), false))
                .doesNotThrowAnyException();
    }

    @Test
    void aCheckpointAtAnotherParallelismIsRefusedWithAPointerToSavepoints() {
        assertThatThrownBy(() -> RestoreCheck.check(snapshot(SnapshotKind.CHECKPOINT, 2, "sum"), FILE, runningSum(3), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(FILE.toString())
                .hasMessageContaining("operator 'sum' at parallelism 2, the job runs it at 3")
                .hasMessageContaining("take a savepoint");
    }

    @Test
    void aSavepointMayBeResumedAtAnotherParallelism() {
        assertThatCode(() -> RestoreCheck.check(snapshot(SnapshotKind.SAVEPOINT, 2, "sum"), FILE, runningSum(3), false))
                .doesNotThrowAnyException();
    }

    @Test
    void stateOfAnOperatorTheJobNoLongerHasIsRefusedUnlessAllowed() {
        CheckpointMetadata metadata = snapshot(SnapshotKind.CHECKPOINT, 2, "sum", "old-enricher");
        assertThatThrownBy(() -> RestoreCheck.check(metadata, FILE, runningSum(2), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot map state for operator 'old-enricher'")
                .hasMessageContaining("--allowNonRestoredState");
        assertThatCode(() -> RestoreCheck.check(metadata, FILE, runningSum(2), true)).doesNotThrowAnyException();
    }
}
