package io.snapsim.rocksdb;

import static io.snapsim.rocksdb.TestStates.ALL;
import static io.snapsim.rocksdb.TestStates.MAX_P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.backend.BackendSpec;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.backend.SnapshotTarget;
import io.snapsim.core.backend.StateBackendFactory;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.storage.FileTrees;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB backend as the runtime sees it: found by its type through {@link StateBackends},
 * created in a local folder per subtask and attempt, and driven only through the hooks of
 * {@link CheckpointableKeyedStateBackend}: native checkpoints written into the checkpoint storage,
 * incremental after the first completed one, canonical savepoints, and native restores.
 */
class RocksDBStateBackendFactoryTest {
    private static final int KEYS = 2_000;

    @TempDir
    Path temp;

    private final List<CheckpointableKeyedStateBackend> backends = new ArrayList<>();
    private StateBackendFactory factory;
    /** Unique per run, since the local folder lies outside the test's temporary folder. */
    private String jobId;
    private FsCheckpointStorage storage;

    @BeforeEach
    void setUp() {
        factory = StateBackends.factory(StateBackendType.ROCKSDB);
        jobId = "factory-test-" + temp.getFileName();
        storage = new FsCheckpointStorage(temp.resolve("checkpoints"), "job", 0);
        storage.initializeJobDirectories();
    }

    @AfterEach
    void tearDown() {
        backends.forEach(CheckpointableKeyedStateBackend::close);
        FileTrees.deleteRecursively(factory.localStateRoot(jobId).orElseThrow());
    }

    private CheckpointableKeyedStateBackend create(int attempt, boolean incremental) {
        CheckpointableKeyedStateBackend backend = factory.create(new BackendSpec(jobId, "sum", 1, attempt, ALL, MAX_P,
                incremental));
        backends.add(backend);
        return backend;
    }

    private SnapshotTarget target(long checkpointId) throws Exception {
        Path folder = Files.createDirectories(storage.checkpointDirectory(checkpointId));
        return new SnapshotTarget(storage, checkpointId, SnapshotKind.CHECKPOINT, folder, "sum-1");
    }

    /** Takes checkpoint {@code id} through the hooks, as a task does, and tells the backend it completed. */
    private StateHandle checkpoint(CheckpointableKeyedStateBackend backend, long id) throws Exception {
        StateHandle handle = backend.snapshotFor(id, SnapshotKind.CHECKPOINT).write(target(id));
        backend.snapshotWritten(id, handle);
        backend.notifyCheckpointComplete(id);
        return handle;
    }

    @Test
    void isFoundByItsTypeAndKeepsEachSubtaskAttemptInAFolderOfItsOwnUnderTheJobsLocalRoot() {
        Path root = factory.localStateRoot(jobId).orElseThrow();
        CheckpointableKeyedStateBackend backend = create(2, true);
        TestStates.fill(backend, 10);

        assertThat(factory.type()).isEqualTo(StateBackendType.ROCKSDB);
        assertThat(root.getParent().getFileName().toString()).isEqualTo("snapsim-rocksdb");
        assertThat(root.getFileName().toString()).isEqualTo(jobId + "-" + ProcessHandle.current().pid());
        assertThat(StateBackends.localStateRoots(jobId)).containsExactly(root);
        assertThat(root.resolve("sum-1-attempt-2")).isDirectory();
        backend.close();
        assertThat(root.resolve("sum-1-attempt-2")).doesNotExist();
    }

    @Test
    void aCheckpointIsNativeAndOnceCompletedTheNextOneReusesItsSharedFiles() throws Exception {
        CheckpointableKeyedStateBackend backend = create(0, true);
        TestStates.fill(backend, KEYS);
        StateHandle first = checkpoint(backend, 1);
        TestStates.updateEvery(backend, KEYS, 100, 1);

        StateHandle second = checkpoint(backend, 2);

        assertThat(backend.nativeFormat()).isEqualTo(IncrementalStateHandle.NATIVE_FORMAT);
        assertThat(first).isInstanceOf(StateHandle.Native.class);
        IncrementalStateHandle handle = IncrementalStateHandle.fromStateHandle((StateHandle.Native) second);
        assertThat(handle.sharedFiles()).anySatisfy(file -> assertThat(file.uploadedBy()).isEqualTo(1));
        assertThat(second.checkpointedSize()).isLessThan(second.size());
    }

    @Test
    void aSavepointIsCanonical() {
        CheckpointableKeyedStateBackend backend = create(0, true);
        TestStates.fill(backend, 10);

        assertThat(backend.snapshotFor(5, SnapshotKind.SAVEPOINT)).isInstanceOf(KeyedSnapshot.Canonical.class);
    }

    @Test
    void aNativeCheckpointRestoresIntoTheNextAttemptsBackend() throws Exception {
        CheckpointableKeyedStateBackend backend = create(0, false);
        TestStates.fill(backend, KEYS);
        StateHandle.Native handle = (StateHandle.Native) checkpoint(backend, 1);

        CheckpointableKeyedStateBackend next = create(1, false);
        next.restoreNative(handle, SnapshotTree.ofCheckpoint(storage.checkpointDirectory(1)), ClaimMode.CLAIM);

        assertThat(next.contents()).isEqualTo(backend.contents());
    }

    @Test
    void aWriteIntoACheckpointFolderThatIsGoneUploadsNothingAndDropsTheLocalCopy() {
        CheckpointableKeyedStateBackend backend = create(0, true);
        TestStates.fill(backend, 10);
        KeyedSnapshot snapshot = backend.snapshotFor(3, SnapshotKind.CHECKPOINT);
        Path aborted = storage.checkpointDirectory(3);

        assertThatThrownBy(() -> snapshot.write(new SnapshotTarget(storage, 3, SnapshotKind.CHECKPOINT, aborted, "sum-1")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the folder of checkpoint 3 is gone (the checkpoint was aborted)");
        assertThat(aborted).doesNotExist();
        assertThat(factory.localStateRoot(jobId).orElseThrow().resolve("sum-1-attempt-0/native/chk-3")).doesNotExist();
    }
}
