package io.snapsim.core.checkpoint;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The coordinator's checkpoint statistics, as Flink's web UI shows them: the counts, a row per
 * finished checkpoint, and the latest restore. Fed by {@link CheckpointCoordinatorCore}; confined
 * to it, not thread-safe.
 */
final class CheckpointStatsTracker {
    private final SortedMap<Long, CheckpointStats> finished = new TreeMap<>();
    private long triggered;
    private long completed;
    private long failed;
    private long restored;
    private OptionalLong latestRestoredCheckpointId = OptionalLong.empty();

    void triggered() {
        triggered++;
    }

    void completed(PendingCheckpoint checkpoint, long now) {
        completed++;
        finished.put(checkpoint.checkpointId(),
                statsOf(checkpoint, CheckpointStatus.COMPLETED, OptionalLong.of(now), null, null));
    }

    void failed(PendingCheckpoint checkpoint, OptionalLong now, CheckpointFailureReason reason, String message) {
        failed++;
        finished.put(checkpoint.checkpointId(), statsOf(checkpoint, CheckpointStatus.FAILED, now, reason, message));
    }

    void restored(long checkpointId) {
        restored++;
        latestRestoredCheckpointId = OptionalLong.of(checkpointId);
    }

    OptionalLong latestRestoredCheckpointId() {
        return latestRestoredCheckpointId;
    }

    CheckpointCounts counts(int inProgress) {
        return new CheckpointCounts(triggered, inProgress, completed, failed, restored);
    }

    /** A row per finished checkpoint and per one of {@code pending}, by increasing id. */
    List<CheckpointStats> history(Collection<PendingCheckpoint> pending) {
        SortedMap<Long, CheckpointStats> rows = new TreeMap<>(finished);
        for (PendingCheckpoint checkpoint : pending) {
            rows.put(checkpoint.checkpointId(),
                    statsOf(checkpoint, CheckpointStatus.IN_PROGRESS, OptionalLong.empty(), null, null));
        }
        return List.copyOf(rows.values());
    }

    private static CheckpointStats statsOf(PendingCheckpoint checkpoint, CheckpointStatus status, OptionalLong end,
            CheckpointFailureReason reason, String message) {
        long trigger = checkpoint.triggerTimestamp();
        long latestAck = checkpoint.latestAckTimestamp();
        long endToEnd;
        if (end.isPresent()) {
            endToEnd = end.getAsLong() - trigger;
        } else {
            endToEnd = latestAck >= 0 ? latestAck - trigger : 0;
        }
        return new CheckpointStats(checkpoint.checkpointId(), checkpoint.kind(), status, trigger, latestAck,
                Math.max(0, endToEnd), checkpoint.stateSize(), checkpoint.checkpointedSize(),
                checkpoint.numberOfAcknowledged(), checkpoint.numberOfTasks(), reason, message, checkpoint.metrics());
    }
}
