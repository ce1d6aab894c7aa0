package io.snapsim.core.backend;

import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one operator subtask writes its part of a checkpoint or savepoint. A savepoint is
 * self-contained and relocatable, so its chunks go into its own folder with handles relative to it;
 * a checkpoint's go into {@code chk-{id}} with absolute handles. Immutable.
 *
 * @param storage      the job's checkpoint storage
 * @param checkpointId the checkpoint (or savepoint) being written
 * @param kind         checkpoint or savepoint
 * @param directory    the snapshot's folder: {@code chk-{id}}, or the savepoint's folder
 * @param baseName     the prefix of this subtask's chunks, {@code {uid}-{subtask}}
 */
public record SnapshotTarget(FsCheckpointStorage storage, long checkpointId, SnapshotKind kind, Path directory,
                             String baseName) {
    public SnapshotTarget {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(baseName, "baseName");
    }

    /** The job's checkpoint directory, holding {@code shared/}. */
    public Path jobDirectory() {
        return storage.jobDirectory();
    }

    /** Whether handles are relative to the snapshot's folder (savepoints). */
    public boolean relative() {
        return kind == SnapshotKind.SAVEPOINT;
    }

    /** Writes one chunk of state as {@code {baseName}-{part}} (inline when small), returning its handle. */
    public StateHandle writeState(String part, byte[] bytes) {
        return storage.writeState(directory, baseName + "-" + part, bytes, relative());
    }
}
