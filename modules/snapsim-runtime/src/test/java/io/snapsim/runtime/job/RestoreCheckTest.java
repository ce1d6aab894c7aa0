package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.StateBackendType;
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
    private static final StateBackendType HEAP = StateBackendType.HASHMAP;
    private static final StateBackendType ROCKSDB = StateBackendType.ROCKSDB;

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
        assertThatCode(() -> RestoreCheck.check(snapshot(SnapshotKind.CHECKPOINT, 2, "sum"), FILE, runningSum(2), false, HEAP))
                .doesNotThrowAnyException();
    }

    @Test
    void aCheckpointAtAnotherParallelismIsRefusedWithAPointerToSavepoints() {
        assertThatThrownBy(() -> RestoreCheck.check(snapshot(SnapshotKind.CHECKPOINT, 2, "sum"), FILE, runningSum(3), false, HEAP))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(FILE.toString())
                .hasMessageContaining("operator 'sum' at parallelism 2, the job runs it at 3")
                .hasMessageContaining("take a savepoint");
    }

    @Test
    void aSavepointMayBeResumedAtAnotherParallelism() {
        assertThatCode(() -> RestoreCheck.check(snapshot(SnapshotKind.SAVEPOINT, 2, "sum"), FILE, runningSum(3), false, HEAP))
                .doesNotThrowAnyException();
    }

    @Test
    void stateOfAnOperatorTheJobNoLongerHasIsRefusedUnlessAllowed() {
        CheckpointMetadata metadata = snapshot(SnapshotKind.CHECKPOINT, 2, "sum", "old-enricher");
        assertThatThrownBy(() -> RestoreCheck.check(metadata, FILE, runningSum(2), false, HEAP))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot map state for operator 'old-enricher'")
                .hasMessageContaining("--allowNonRestoredState");
        assertThatCode(() -> RestoreCheck.check(metadata, FILE, runningSum(2), true, HEAP)).doesNotThrowAnyException();
    }

    private static CheckpointMetadata withKeyedState(SnapshotKind kind, StateHandle keyed) {
        SubtaskStateSnapshot subtask = new SubtaskStateSnapshot(0, new KeyGroupRange(0, 127), keyed, null, Map.of());
        return new CheckpointMetadata("job", 4, 1, 2, kind, "RETAIN_ON_CANCELLATION",
                List.of(new OperatorStateSnapshot("sum", "sum", 1, 128, List.of(subtask))));
    }

    private static final StateHandle NATIVE = new StateHandle.Native("rocksdb-native", new byte[] {1, 2}, 10, 40);

    @Test
    void aRocksDBCheckpointDoesNotRestoreIntoTheHeapBackend() {
        assertThatThrownBy(() -> RestoreCheck.check(withKeyedState(SnapshotKind.CHECKPOINT, NATIVE), FILE,
                runningSum(1), false, HEAP))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ": checkpoint 4 holds RocksDB state in its native format")
                .hasMessageContaining("the job uses the hashmap state backend")
                .hasMessageContaining("state.backend.type: rocksdb")
                .hasMessageContaining("savepoint");
        assertThatCode(() -> RestoreCheck.check(withKeyedState(SnapshotKind.CHECKPOINT, NATIVE), FILE,
                runningSum(1), false, ROCKSDB)).doesNotThrowAnyException();
    }

    @Test
    void aHeapCheckpointDoesNotRestoreIntoTheRocksDBBackend() {
        StateHandle canonical = new StateHandle.Inline(new byte[] {1});
        assertThatThrownBy(() -> RestoreCheck.check(withKeyedState(SnapshotKind.CHECKPOINT, canonical), FILE,
                runningSum(1), false, ROCKSDB))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checkpoint 4 holds heap (hashmap) state, but the job uses the rocksdb state backend")
                .hasMessageContaining("state.backend.type: hashmap");
    }

    @Test
    void aSavepointRestoresIntoEitherBackend() {
        StateHandle canonical = new StateHandle.Inline(new byte[] {1});
        for (StateBackendType backend : StateBackendType.values()) {
            assertThatCode(() -> RestoreCheck.check(withKeyedState(SnapshotKind.SAVEPOINT, canonical), FILE,
                    runningSum(1), false, backend)).doesNotThrowAnyException();
        }
    }
}
