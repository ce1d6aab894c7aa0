package io.snapsim.core.barrier;

import java.util.BitSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * AT_LEAST_ONCE barrier handling: never blocks a channel, so records that overtake a barrier are in
 * the snapshot and are replayed after recovery (duplicates, never loss). Several checkpoints may be
 * pending at once; each records which channels delivered its barrier and triggers once every open
 * channel has. {@link CheckpointController#alignmentStarted} marks a checkpoint's first barrier.
 *
 * <p>Invariants: no channel is ever blocked; a checkpoint becomes pending only on a barrier newer
 * than every id seen before; when one triggers, every older pending checkpoint is aborted first
 * (subsumed), so a checkpoint is triggered or aborted at most once.
 *
 * <p>Confined to the owning task; not thread-safe.
 */
final class BarrierTracker implements BarrierHandler {

    private final InputChannels channels;
    private final CheckpointController controller;
    private final NavigableMap<Long, PendingCheckpoint> pending = new TreeMap<>();
    /** Ids the coordinator aborted before any of their barriers arrived; all above latestCheckpointId. */
    private final NavigableSet<Long> abortedInAdvance = new TreeSet<>();
    private long latestCheckpointId = -1;

    BarrierTracker(InputChannels channels, CheckpointController controller) {
        this.channels = channels;
        this.controller = controller;
    }

    @Override
    public void processBarrier(int channel, long checkpointId, long timestamp) {
        channels.checkCanDeliver(channel);
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null) {
            boolean isNew = checkpointId > latestCheckpointId && !abortedInAdvance.contains(checkpointId);
            observe(checkpointId);
            if (!isNew) {
                return;
            }
            checkpoint = new PendingCheckpoint(checkpointId, timestamp, channels.count());
            pending.put(checkpointId, checkpoint);
            controller.alignmentStarted(checkpointId);
        }
        checkpoint.barrierArrived(channel);
        triggerCompleted();
    }

    @Override
    public void processCancellationMarker(int channel, long checkpointId) {
        channels.checkCanDeliver(channel);
        boolean wasPending = pending.remove(checkpointId) != null;
        boolean isNew = checkpointId > latestCheckpointId && !abortedInAdvance.contains(checkpointId);
        observe(checkpointId);
        if (wasPending || isNew) {
            controller.abortCheckpoint(checkpointId, AbortReason.CANCELLATION_MARKER);
        }
    }

    @Override
    public void processEndOfPartition(int channel) {
        channels.checkCanDeliver(channel);
        channels.end(channel);
        triggerCompleted();
    }

    @Override
    public void abortCheckpoint(long checkpointId) {
        if (pending.remove(checkpointId) != null) {
            controller.abortCheckpoint(checkpointId, AbortReason.ABORTED_BY_COORDINATOR);
        } else if (checkpointId > latestCheckpointId) {
            abortedInAdvance.add(checkpointId);
        }
    }

    @Override
    public boolean isBlocked(int channel) {
        channels.checkIndex(channel);
        return false;
    }

    @Override
    public SortedSet<Integer> blockedChannels() {
        return new TreeSet<>();
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
        return "BarrierTracker[pending=" + pending.keySet() + "]";
    }

    private void observe(long checkpointId) {
        if (checkpointId > latestCheckpointId) {
            latestCheckpointId = checkpointId;
            abortedInAdvance.headSet(checkpointId, true).clear();
        }
    }

    /** Triggers, oldest first, every pending checkpoint whose barrier came on all open channels. */
    private void triggerCompleted() {
        PendingCheckpoint completed = oldestCompleted();
        while (completed != null) {
            Map<Long, PendingCheckpoint> subsumed = pending.headMap(completed.checkpointId, false);
            for (long olderId : subsumed.keySet()) {
                controller.abortCheckpoint(olderId, AbortReason.SUBSUMED_BY_NEWER_BARRIER);
            }
            subsumed.clear();
            pending.remove(completed.checkpointId);
            controller.triggerCheckpoint(completed.checkpointId, completed.timestamp);
            completed = oldestCompleted();
        }
    }

    private PendingCheckpoint oldestCompleted() {
        for (PendingCheckpoint checkpoint : pending.values()) {
            if (channels.allOpenIn(checkpoint.channelsDelivered)) {
                return checkpoint;
            }
        }
        return null;
    }

    /** A checkpoint whose barrier has arrived on some channels but not yet on all open ones. */
    private static final class PendingCheckpoint {
        final long checkpointId;
        final long timestamp;
        final BitSet channelsDelivered;

        PendingCheckpoint(long checkpointId, long timestamp, int channelCount) {
            this.checkpointId = checkpointId;
            this.timestamp = timestamp;
            this.channelsDelivered = new BitSet(channelCount);
        }

        void barrierArrived(int channel) {
            if (channelsDelivered.get(channel)) {
                throw new IllegalStateException("channel " + channel
                        + " delivered the barrier of checkpoint " + checkpointId + " twice");
            }
            channelsDelivered.set(channel);
        }
    }
}
