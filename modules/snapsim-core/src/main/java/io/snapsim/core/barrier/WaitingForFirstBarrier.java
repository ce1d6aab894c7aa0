package io.snapsim.core.barrier;

/** No alignment in progress: every channel is unblocked and the next new barrier starts one. */
final class WaitingForFirstBarrier implements AlignmentState {

    static final WaitingForFirstBarrier INSTANCE = new WaitingForFirstBarrier();

    private WaitingForFirstBarrier() {
    }

    @Override
    public AlignmentState barrierReceived(AlignmentContext context, int channel, long checkpointId,
            long timestamp) {
        if (checkpointId <= context.latestCheckpointId() || context.isAbortedInAdvance(checkpointId)) {
            return this;
        }
        return startAlignment(context, channel, checkpointId, timestamp);
    }

    /** Begins aligning {@code checkpointId} with {@code channel}, its first barrier's channel, blocked. */
    static AlignmentState startAlignment(AlignmentContext context, int channel, long checkpointId,
            long timestamp) {
        context.alignmentStarted(checkpointId);
        context.block(checkpointId, channel);
        return new CollectingBarriers(checkpointId, timestamp).triggerIfAligned(context);
    }

    @Override
    public AlignmentState cancellationMarkerReceived(AlignmentContext context, long checkpointId) {
        if (checkpointId > context.latestCheckpointId() && !context.isAbortedInAdvance(checkpointId)) {
            context.abort(checkpointId, AbortReason.CANCELLATION_MARKER);
        }
        return this;
    }

    @Override
    public AlignmentState endOfPartitionReceived(AlignmentContext context) {
        return this;
    }

    @Override
    public AlignmentState abortedByCoordinator(AlignmentContext context, long checkpointId) {
        if (checkpointId > context.latestCheckpointId()) {
            context.rememberAbortedInAdvance(checkpointId);
        }
        return this;
    }

    @Override
    public String toString() {
        return "WaitingForFirstBarrier";
    }
}
