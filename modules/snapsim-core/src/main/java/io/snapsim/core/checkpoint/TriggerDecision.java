package io.snapsim.core.checkpoint;

import java.util.Objects;

/**
 * The answer to {@link CheckpointCoordinatorCore#tryTrigger}: either a new pending checkpoint or
 * the reason none was started and when to try again. Immutable values, except that
 * {@link Triggered} carries the live {@link PendingCheckpoint}, which is confined to the
 * coordinator actor and not thread-safe.
 */
public sealed interface TriggerDecision permits TriggerDecision.Triggered, TriggerDecision.Deferred {

    /** A new checkpoint is pending; the actor now tells the sources to emit its barrier. */
    record Triggered(PendingCheckpoint checkpoint) implements TriggerDecision {
        public Triggered {
            Objects.requireNonNull(checkpoint, "checkpoint");
        }
    }

    /**
     * No checkpoint was started. {@code earliestRetryTime} is the earliest time the same request
     * can succeed if nothing else happens; when it waits for a free concurrency slot, a slot may
     * free up sooner (a pending checkpoint completes or aborts), so retry then as well.
     */
    record Deferred(String reason, long earliestRetryTime) implements TriggerDecision {
        public Deferred {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }
}
