package io.snapsim.core.barrier;

/**
 * The only way from a {@link BarrierHandler} back to the task that owns it.
 *
 * <p>A handler calls {@link #triggerCheckpoint} and {@link #abortCheckpoint} at most once per
 * checkpoint id, and never both for the same id. Calls happen synchronously, from inside the handler
 * method that caused them; implementations must not call back into the handler from these methods.
 *
 * <p>Implemented by the owning task; confined to the owning task; not thread-safe.
 */
public interface CheckpointController {

    /** The first barrier of {@code checkpointId} was seen; the start of its alignment (for statistics). */
    void alignmentStarted(long checkpointId);

    /**
     * Barrier {@code checkpointId} arrived on every open input channel: snapshot the operator state
     * and forward the barrier on every output channel.
     *
     * @param timestamp the timestamp carried by the checkpoint's first barrier
     */
    void triggerCheckpoint(long checkpointId, long timestamp);

    /** Give up on {@code checkpointId}: forward a cancellation marker downstream and decline it. */
    void abortCheckpoint(long checkpointId, AbortReason reason);

    /**
     * Aligning {@code checkpointId}, the handler blocked {@code channel}: its input after the barrier
     * stays queued. Only handlers that block (EXACTLY_ONCE) call it; for the history, so it does nothing
     * unless the task records it.
     */
    default void channelBlocked(long checkpointId, int channel) {
    }

    /**
     * The alignment of {@code checkpointId} ended (after {@link #triggerCheckpoint} or
     * {@link #abortCheckpoint}) and {@code channel}, blocked for it, delivers again. Called once per
     * released channel, in ascending channel order.
     */
    default void channelUnblocked(long checkpointId, int channel) {
    }
}
