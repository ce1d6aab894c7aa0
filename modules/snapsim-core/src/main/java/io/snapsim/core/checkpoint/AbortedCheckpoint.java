package io.snapsim.core.checkpoint;

import java.util.Objects;

/**
 * A pending checkpoint that the coordinator aborted; the actor tells the tasks
 * {@code checkpointAborted(id)} and discards whatever state was acknowledged for it.
 * Immutable; safe to share between threads.
 *
 * @param checkpointId the aborted checkpoint
 * @param reason       why; decides whether it counted towards the tolerable failures
 * @param message      a human-readable explanation, never null
 */
public record AbortedCheckpoint(long checkpointId, CheckpointFailureReason reason, String message) {
    public AbortedCheckpoint {
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }
}
