package io.snapsim.core.barrier;

/**
 * Why a barrier handler gave up on a checkpoint, as passed to
 * {@link CheckpointController#abortCheckpoint(long, AbortReason)}. An immutable value, safe to share.
 */
public enum AbortReason {
    /** A cancellation marker of this checkpoint arrived on an input channel. */
    CANCELLATION_MARKER,
    /** A barrier (or cancellation marker) of a newer checkpoint arrived before this one could complete. */
    SUBSUMED_BY_NEWER_BARRIER,
    /** The checkpoint coordinator aborted this checkpoint. */
    ABORTED_BY_COORDINATOR
}
