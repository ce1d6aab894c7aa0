package io.snapsim.core.barrier;

import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * EXACTLY_ONCE barrier handling: a channel is blocked from the barrier of the checkpoint being
 * aligned until that checkpoint triggers or is aborted, so the snapshot holds exactly the input
 * before the barrier on every channel. The situation is an {@link AlignmentState}; this class owns
 * the channels and the ids already dealt with, and hands each event to the current state.
 *
 * <p>Invariants: at most one checkpoint is aligned at a time, and only while at least one open
 * channel is unblocked; channels are blocked only while aligning; every id passed to the controller
 * is higher than every id passed to it before, so none is triggered or aborted twice.
 *
 * <p>Confined to the owning task; not thread-safe.
 */
final class AlignedBarrierHandler implements BarrierHandler {

    private final InputChannels channels;
    private final CheckpointController controller;
    private final Context context = new Context();
    /** Ids the coordinator aborted before any of their barriers arrived; all above latestCheckpointId. */
    private final NavigableSet<Long> abortedInAdvance = new TreeSet<>();
    private long latestCheckpointId = -1;
    private long latestNotifiedId = Long.MIN_VALUE;
    private AlignmentState state = WaitingForFirstBarrier.INSTANCE;

    AlignedBarrierHandler(InputChannels channels, CheckpointController controller) {
        this.channels = channels;
        this.controller = controller;
    }

    @Override
    public void processBarrier(int channel, long checkpointId, long timestamp) {
        channels.checkCanDeliver(channel);
        state = state.barrierReceived(context, channel, checkpointId, timestamp);
        observe(checkpointId);
    }

    @Override
    public void processCancellationMarker(int channel, long checkpointId) {
        channels.checkCanDeliver(channel);
        state = state.cancellationMarkerReceived(context, checkpointId);
        observe(checkpointId);
    }

    @Override
    public void processEndOfPartition(int channel) {
        channels.checkCanDeliver(channel);
        channels.end(channel);
        state = state.endOfPartitionReceived(context);
    }

    @Override
    public void abortCheckpoint(long checkpointId) {
        state = state.abortedByCoordinator(context, checkpointId);
    }

    @Override
    public boolean isBlocked(int channel) {
        return channels.isBlocked(channel);
    }

    @Override
    public SortedSet<Integer> blockedChannels() {
        return channels.blockedCopy();
    }

    @Override
    public long latestCheckpointId() {
        return latestCheckpointId;
    }

    @Override
    public int numberOfInputChannels() {
        return channels.count();
    }

    @Override
    public String toString() {
        return "AlignedBarrierHandler[" + state + ", blocked=" + blockedChannels() + "]";
    }

    private void observe(long checkpointId) {
        if (checkpointId > latestCheckpointId) {
            latestCheckpointId = checkpointId;
            abortedInAdvance.headSet(checkpointId, true).clear();
        }
    }

    private void notifying(long checkpointId) {
        if (checkpointId <= latestNotifiedId) {
            throw new IllegalStateException("checkpoint " + checkpointId
                    + " would be reported after checkpoint " + latestNotifiedId + " was already reported");
        }
        latestNotifiedId = checkpointId;
    }

    /** The states' view of this handler. */
    private final class Context implements AlignmentContext {

        @Override
        public long latestCheckpointId() {
            return latestCheckpointId;
        }

        @Override
        public boolean isAbortedInAdvance(long checkpointId) {
            return abortedInAdvance.contains(checkpointId);
        }

        @Override
        public void rememberAbortedInAdvance(long checkpointId) {
            abortedInAdvance.add(checkpointId);
        }

        @Override
        public void block(long checkpointId, int channel) {
            channels.block(channel);
            controller.channelBlocked(checkpointId, channel);
        }

        @Override
        public void unblockAll(long checkpointId) {
            SortedSet<Integer> released = channels.blockedCopy();
            channels.unblockAll();
            for (int channel : released) {
                controller.channelUnblocked(checkpointId, channel);
            }
        }

        @Override
        public boolean allOpenChannelsBlocked() {
            return channels.allOpenBlocked();
        }

        @Override
        public void alignmentStarted(long checkpointId) {
            controller.alignmentStarted(checkpointId);
        }

        @Override
        public void trigger(long checkpointId, long timestamp) {
            notifying(checkpointId);
            controller.triggerCheckpoint(checkpointId, timestamp);
        }

        @Override
        public void abort(long checkpointId, AbortReason reason) {
            notifying(checkpointId);
            controller.abortCheckpoint(checkpointId, reason);
        }
    }
}
