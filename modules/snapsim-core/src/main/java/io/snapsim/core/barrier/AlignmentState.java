package io.snapsim.core.barrier;

/**
 * One situation of an aligned barrier handler. Each event method acts through the
 * {@link AlignmentContext} and returns the state that handles the next event. The channel named in
 * an event has already been checked to be in range, open and not blocked.
 */
sealed interface AlignmentState permits WaitingForFirstBarrier, CollectingBarriers {

    AlignmentState barrierReceived(AlignmentContext context, int channel, long checkpointId, long timestamp);

    AlignmentState cancellationMarkerReceived(AlignmentContext context, long checkpointId);

    /** A channel has ended; the context already counts it as closed. */
    AlignmentState endOfPartitionReceived(AlignmentContext context);

    AlignmentState abortedByCoordinator(AlignmentContext context, long checkpointId);
}
