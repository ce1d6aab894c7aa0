package io.snapsim.core.barrier;

/**
 * What an {@link AlignmentState} may read and do: the channels, the ids already dealt with, and the
 * {@link CheckpointController}. It lets each state be driven alone, without a real handler.
 */
interface AlignmentContext {

    /** The highest checkpoint id seen on any channel before the event being handled. */
    long latestCheckpointId();

    /** Whether the coordinator aborted {@code checkpointId} before any of its barriers arrived. */
    boolean isAbortedInAdvance(long checkpointId);

    /** Remembers that the coordinator aborted {@code checkpointId}, newer than any id seen yet. */
    void rememberAbortedInAdvance(long checkpointId);

    /** Blocks {@code channel}, which delivered the barrier of {@code checkpointId}, the checkpoint being aligned. */
    void block(long checkpointId, int channel);

    /** Unblocks every blocked channel: the alignment of {@code checkpointId} ended (triggered or aborted). */
    void unblockAll(long checkpointId);

    /** Whether every channel that has not ended is blocked. */
    boolean allOpenChannelsBlocked();

    void alignmentStarted(long checkpointId);

    void trigger(long checkpointId, long timestamp);

    void abort(long checkpointId, AbortReason reason);
}
