package io.snapsim.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.StateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state backend SPI as core alone provides it: the heap backend found by its type, canonical
 * snapshots written where their target says, and no native format.
 */
class StateBackendsTest {
    private static final int MAX_P = KeyGroups.DEFAULT_MAX_PARALLELISM;
    private static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Long.class, 0L);

    @TempDir
    Path temp;

    private static CheckpointableKeyedStateBackend heapBackend() {
        return StateBackends.factory(StateBackendType.HASHMAP)
                .create(new BackendSpec("job", "sum", 0, 0, new KeyGroupRange(0, MAX_P - 1), MAX_P, false));
    }

    private static void count(CheckpointableKeyedStateBackend backend, long key, long value) {
        ValueState<Long> count = backend.getValueState(COUNT);
        backend.setCurrentKey(key);
        count.update(value);
    }

    @Test
    void theHeapBackendIsFoundByItsTypeAndKeepsNoLocalFiles() {
        StateBackendFactory factory = StateBackends.factory(StateBackendType.HASHMAP);

        assertThat(factory.type()).isEqualTo(StateBackendType.HASHMAP);
        assertThat(factory.localStateRoot("job")).isEmpty();
        assertThat(heapBackend().nativeFormat()).isNull();
    }

    @Test
    void aTypeWhoseModuleIsMissingNamesTheModuleToAdd() {
        // core's own tests run without snapsim-rocksdb on the class path
        assertThatThrownBy(() -> StateBackends.factory(StateBackendType.ROCKSDB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no state backend 'rocksdb' on the class path")
                .hasMessageContaining("snapsim-rocksdb");
        assertThat(StateBackends.localStateRoots("job")).isEmpty();
    }

    @Test
    void aCheckpointOfTheHeapIsItsCanonicalSnapshotWrittenAsTheSubtasksKeyedChunk() throws Exception {
        CheckpointableKeyedStateBackend backend = heapBackend();
        count(backend, 7L, 70L);
        FsCheckpointStorage storage = new FsCheckpointStorage(temp, "job", 1);
        Path chk = storage.checkpointDirectory(3);
        Files.createDirectories(chk);

        KeyedSnapshot snapshot = backend.snapshotFor(3, SnapshotKind.CHECKPOINT);
        StateHandle handle = snapshot.write(new SnapshotTarget(storage, 3, SnapshotKind.CHECKPOINT, chk, "sum-0"));

        assertThat(snapshot).isInstanceOfSatisfying(KeyedSnapshot.Canonical.class,
                canonical -> assertThat(canonical.bytes()).isEqualTo(backend.snapshot()));
        assertThat(handle).isInstanceOfSatisfying(StateHandle.File.class, file -> {
            assertThat(file.relative()).isFalse();
            assertThat(Path.of(file.path())).isEqualTo(chk.resolve("sum-0-keyed"));
        });
        CheckpointableKeyedStateBackend restored = heapBackend();
        restored.restore(List.of(StateReader.read(handle, SnapshotTree.ofCheckpoint(chk))));
        assertThat(restored.contents()).isEqualTo(backend.contents());
    }

    @Test
    void aSavepointTargetWritesHandlesRelativeToTheSavepointsFolder() throws Exception {
        FsCheckpointStorage storage = new FsCheckpointStorage(temp, "job", 1);
        Path savepoint = Files.createDirectories(temp.resolve("savepoint-1"));

        StateHandle handle = new SnapshotTarget(storage, 4, SnapshotKind.SAVEPOINT, savepoint, "sum-1")
                .writeState("operator", new byte[] {1, 2, 3});

        assertThat(handle).isEqualTo(new StateHandle.File("sum-1-operator", true, 3, ((StateHandle.File) handle).crc32()));
        assertThat(savepoint.resolve("sum-1-operator")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void aBackendWithoutANativeFormatRefusesANativeSnapshot() {
        StateHandle.Native handle = new StateHandle.Native("rocksdb-native", new byte[] {1}, 1, 1);

        assertThatThrownBy(() -> heapBackend().restoreNative(handle, SnapshotTree.ofCheckpoint(temp.resolve("chk-1")),
                ClaimMode.CLAIM)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("rocksdb-native");
    }
}
