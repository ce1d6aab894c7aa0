package io.snapsim.core.checkpoint;

import java.util.Objects;

/**
 * A checkpoint or savepoint whose subtasks all acknowledged and whose {@code _metadata} was written.
 * Invariants: {@code checkpointId >= 1}, {@code completionTimestamp >= triggerTimestamp},
 * {@code stateSize >= 0}, a non-blank metadata path. Immutable; safe to share between threads.
 *
 * @param checkpointId        the id from the coordinator's counter
 * @param triggerTimestamp    when it was triggered, ms of the job's clock
 * @param completionTimestamp when it completed (after the metadata was written)
 * @param metadataPath        where its {@code _metadata} file is
 * @param stateSize           full state size in bytes: the sum of every subtask's state
 * @param kind                periodic, final or savepoint
 */
public record CompletedCheckpoint(
        long checkpointId,
        long triggerTimestamp,
        long completionTimestamp,
        String metadataPath,
        long stateSize,
        TriggerKind kind) {

    public CompletedCheckpoint {
        if (checkpointId < 1) {
            throw new IllegalArgumentException("checkpointId must be >= 1, was " + checkpointId);
        }
        if (completionTimestamp < triggerTimestamp) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + " completed at " + completionTimestamp
                    + ", before its trigger at " + triggerTimestamp);
        }
        if (metadataPath == null || metadataPath.isBlank()) {
            throw new IllegalArgumentException("metadataPath must not be blank");
        }
        if (stateSize < 0) {
            throw new IllegalArgumentException("stateSize must be >= 0, was " + stateSize);
        }
        Objects.requireNonNull(kind, "kind");
    }

    /** Time from trigger to completion. */
    public long durationMs() {
        return completionTimestamp - triggerTimestamp;
    }
}
