package io.snapsim.core.barrier;

import java.util.SortedSet;

/**
 * Decides, from the barriers, cancellation markers and end-of-partition events a task dequeues from
 * its input channels, when the task snapshots a checkpoint and which input channels it must stop
 * reading meanwhile. Outcomes go to the task through its {@link CheckpointController}.
 *
 * <p>Invariants: channels are numbered {@code 0 .. numberOfInputChannels() - 1} and an index outside
 * that range is an {@link IllegalArgumentException}; a checkpoint id is triggered or aborted at most
 * once, never both; a channel that delivered end of partition stays closed and counts as aligned for
 * every later checkpoint. The task must not deliver events from a blocked or closed channel (doing so
 * is an {@link IllegalStateException}); it keeps their input queued until the channel is unblocked.
 *
 * <p>Confined to the owning task; not thread-safe.
 *
 * @see BarrierHandlers
 */
public interface BarrierHandler {

    /** Barrier {@code checkpointId}, created at {@code timestamp}, was dequeued from {@code channel}. */
    void processBarrier(int channel, long checkpointId, long timestamp);

    /** A cancellation marker of {@code checkpointId} was dequeued from {@code channel}. */
    void processCancellationMarker(int channel, long checkpointId);

    /** {@code channel} will deliver nothing more. */
    void processEndOfPartition(int channel);

    /** The checkpoint coordinator aborted {@code checkpointId}. */
    void abortCheckpoint(long checkpointId);

    /** Whether the task must leave {@code channel}'s input queued for now. */
    boolean isBlocked(int channel);

    /** The blocked channels, ascending; a copy the caller may keep. */
    SortedSet<Integer> blockedChannels();

    /** The highest checkpoint id seen on any input channel so far; -1 before the first. */
    long latestCheckpointId();

    int numberOfInputChannels();
}
