package io.snapsim.core.barrier;

/** Aligning one checkpoint: some channels delivered its barrier and are blocked, others have not yet. */
final class CollectingBarriers implements AlignmentState {

    private final long checkpointId;
    private final long timestamp;

    CollectingBarriers(long checkpointId, long timestamp) {
        this.checkpointId = checkpointId;
        this.timestamp = timestamp;
    }

    long checkpointId() {
        return checkpointId;
    }

    @Override
    public AlignmentState barrierReceived(AlignmentContext context, int channel, long barrierId,
            long barrierTimestamp) {
        if (barrierId < checkpointId) {
            return this;
        }
        if (barrierId == checkpointId) {
            context.block(checkpointId, channel);
            return triggerIfAligned(context);
        }
        // This channel skipped our barrier, so our checkpoint can never complete.
        abortAndUnblock(context, AbortReason.SUBSUMED_BY_NEWER_BARRIER);
        if (context.isAbortedInAdvance(barrierId)) {
            return WaitingForFirstBarrier.INSTANCE;
        }
        return WaitingForFirstBarrier.startAlignment(context, channel, barrierId, barrierTimestamp);
    }

    @Override
    public AlignmentState cancellationMarkerReceived(AlignmentContext context, long markerId) {
        if (markerId < checkpointId) {
            return this;
        }
        if (markerId == checkpointId) {
            abortAndUnblock(context, AbortReason.CANCELLATION_MARKER);
            return WaitingForFirstBarrier.INSTANCE;
        }
        // The marker stands in for a newer barrier: this channel skipped ours.
        abortAndUnblock(context, AbortReason.SUBSUMED_BY_NEWER_BARRIER);
        if (!context.isAbortedInAdvance(markerId)) {
            context.abort(markerId, AbortReason.CANCELLATION_MARKER);
        }
        return WaitingForFirstBarrier.INSTANCE;
    }

    @Override
    public AlignmentState endOfPartitionReceived(AlignmentContext context) {
        return triggerIfAligned(context);
    }

    @Override
    public AlignmentState abortedByCoordinator(AlignmentContext context, long abortedId) {
        if (abortedId < checkpointId) {
            return this;
        }
        if (abortedId > checkpointId) {
            // A newer checkpoint failed elsewhere; ours can still complete, as in Flink. Had ours been
            // dropped here, no task would decline it and it would wait for its timeout.
            context.rememberAbortedInAdvance(abortedId);
            return this;
        }
        abortAndUnblock(context, AbortReason.ABORTED_BY_COORDINATOR);
        return WaitingForFirstBarrier.INSTANCE;
    }

    AlignmentState triggerIfAligned(AlignmentContext context) {
        if (!context.allOpenChannelsBlocked()) {
            return this;
        }
        context.trigger(checkpointId, timestamp);
        context.unblockAll(checkpointId);
        return WaitingForFirstBarrier.INSTANCE;
    }

    private void abortAndUnblock(AlignmentContext context, AbortReason reason) {
        context.abort(checkpointId, reason);
        context.unblockAll(checkpointId);
    }

    @Override
    public String toString() {
        return "CollectingBarriers[" + checkpointId + "]";
    }
}
