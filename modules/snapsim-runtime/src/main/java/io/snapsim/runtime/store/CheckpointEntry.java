package io.snapsim.runtime.store;

import java.util.Objects;

/**
 * What the {@link CompletedCheckpointStore} remembers about one completed checkpoint or savepoint:
 * enough for a restarted coordinator to find the metadata and to pick the checkpoint to restore.
 * Immutable; safe to share between threads.
 *
 * @param checkpointId        the checkpoint id, unique within a job
 * @param triggerTimestamp    trigger time in milliseconds of the job's clock
 * @param completionTimestamp completion time in milliseconds of the job's clock
 * @param metadataPath        where the checkpoint's {@code _metadata} file is
 * @param stateSize           total size of the checkpointed state in bytes
 * @param savepoint           true for a user-owned savepoint, false for a checkpoint
 */
public record CheckpointEntry(
        long checkpointId,
        long triggerTimestamp,
        long completionTimestamp,
        String metadataPath,
        long stateSize,
        boolean savepoint) {

    public CheckpointEntry {
        if (checkpointId < 0) {
            throw new IllegalArgumentException("checkpointId must not be negative: " + checkpointId);
        }
        if (stateSize < 0) {
            throw new IllegalArgumentException("stateSize must not be negative: " + stateSize);
        }
        Objects.requireNonNull(metadataPath, "metadataPath");
    }
}
