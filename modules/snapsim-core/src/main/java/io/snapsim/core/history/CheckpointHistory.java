package io.snapsim.core.history;

import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.checkpoint.TriggerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checkpoint statistics of a run, as Flink's web UI shows them (counts and one row per
 * checkpoint or savepoint), drawn from the run's history alone: triggers, acknowledgements,
 * completions and aborts. An acknowledgement counts only while its checkpoint is pending, as the
 * coordinator counts it. The latest acknowledgement of a checkpoint that got them all is when the
 * coordinator had them all; of one that failed, when its last task sent one (the history does not
 * record each receipt). Checkpoints a crashed coordinator left pending are failed; the counts span
 * every coordinator of the job.
 *
 * @param rows   one per checkpoint, in trigger order
 * @param counts the counters over the whole run
 */
public record CheckpointHistory(List<CheckpointStats> rows, CheckpointCounts counts) {

    /** The event types the statistics are drawn from. */
    public static final Set<Class<? extends HistoryEvent>> EVENT_TYPES = Set.of(CheckpointEvents.Triggered.class,
            CheckpointEvents.SavepointTriggered.class, TaskEvents.Acknowledged.class,
            CheckpointEvents.AcknowledgedByAll.class, CheckpointEvents.Completed.class,
            CheckpointEvents.SavepointCompleted.class, CheckpointEvents.Aborted.class, JobEvents.CoordinatorCrashed.class,
            JobEvents.Deployed.class);

    private static final String COORDINATOR_CRASHED = "the checkpoint coordinator crashed before it completed";

    public CheckpointHistory {
        rows = List.copyOf(rows);
    }

    /** The statistics of the checkpoints among {@code history} (events in history order; others are ignored). */
    public static CheckpointHistory of(List<HistoryEvent> history) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        long restored = 0;
        for (HistoryEvent event : history) {
            if (event instanceof CheckpointEvents.Triggered t) {
                rows.put(t.checkpoint(), new Row(t.checkpoint(), kind(t.kind()), t.time(), t.tasks()));
            } else if (event instanceof CheckpointEvents.SavepointTriggered t) {
                rows.put(t.checkpoint(), new Row(t.checkpoint(), TriggerKind.SAVEPOINT, t.time(), t.tasks()));
            } else if (event instanceof JobEvents.Deployed d && d.checkpoint() != null) {
                restored++;
            } else if (event instanceof JobEvents.CoordinatorCrashed c) {
                rows.values().stream().filter(Row::pending)
                        .forEach(r -> r.fail(c.time(), CheckpointFailureReason.TASK_FAILURE, COORDINATOR_CRASHED));
            } else {
                apply(rows, event);
            }
        }
        List<CheckpointStats> stats = rows.values().stream().map(Row::stats).toList();
        long completed = stats.stream().filter(s -> s.status() == CheckpointStatus.COMPLETED).count();
        long failed = stats.stream().filter(s -> s.status() == CheckpointStatus.FAILED).count();
        return new CheckpointHistory(stats, new CheckpointCounts(stats.size(), stats.size() - completed - failed,
                completed, failed, restored));
    }

    /** An acknowledgement, completion or abort of a known, still pending checkpoint. */
    private static void apply(Map<Long, Row> rows, HistoryEvent event) {
        if (event instanceof TaskEvents.Acknowledged a) {
            Row row = rows.get(a.checkpoint());
            if (row != null && row.pending()) {
                row.acknowledged(a);
            }
        } else if (event instanceof CheckpointEvents.AcknowledgedByAll a) {
            Row row = rows.get(a.checkpoint());
            if (row != null && row.pending()) {
                row.lastAckReceived(a.time()); // when the coordinator had them all
            }
        } else if (event instanceof CheckpointEvents.Completed c) {
            pendingRow(rows, c.checkpoint()).complete(c.time(), c.checkpointedSize(), c.stateSize());
        } else if (event instanceof CheckpointEvents.SavepointCompleted c) {
            pendingRow(rows, c.checkpoint()).complete(c.time(), c.checkpointedSize(), c.stateSize());
        } else if (event instanceof CheckpointEvents.Aborted a) {
            Row row = rows.get(a.checkpoint());
            if (row != null && row.pending()) {
                row.fail(a.time(), CheckpointFailureReason.valueOf(a.reason()), a.message() == null ? "" : a.message());
            }
        }
    }

    private static Row pendingRow(Map<Long, Row> rows, long checkpoint) {
        Row row = rows.get(checkpoint);
        if (row == null || !row.pending()) {
            throw new IllegalArgumentException("the history completes checkpoint " + checkpoint
                    + ", which it never triggered or which had ended");
        }
        return row;
    }

    private static TriggerKind kind(String name) {
        return TriggerKind.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** One checkpoint as the history tells it so far. Confined to {@link #of}. */
    private static final class Row {
        private final long checkpoint;
        private final TriggerKind kind;
        private final long triggerTime;
        private final int tasks;
        private final Map<SubtaskId, SubtaskCheckpointMetrics> metrics = new TreeMap<>();
        private CheckpointStatus status = CheckpointStatus.IN_PROGRESS;
        private long latestAck = -1;
        private long endTime = -1;
        private long checkpointedSize;
        private long stateSize;
        private CheckpointFailureReason failureReason;
        private String failureMessage;

        Row(long checkpoint, TriggerKind kind, long triggerTime, int tasks) {
            this.checkpoint = checkpoint;
            this.kind = kind;
            this.triggerTime = triggerTime;
            this.tasks = tasks;
        }

        boolean pending() {
            return status == CheckpointStatus.IN_PROGRESS;
        }

        void acknowledged(TaskEvents.Acknowledged a) {
            a.checkpointedSizes().forEach((operator, size) -> {
                metrics.put(new SubtaskId(operator, a.subtask()), new SubtaskCheckpointMetrics(a.alignmentMillis(),
                        a.startDelayMillis(), a.syncMillis(), a.asyncMillis(), size));
                checkpointedSize += size;
            });
            latestAck = Math.max(latestAck, a.time());
            stateSize += a.stateSize();
        }

        void lastAckReceived(long time) {
            latestAck = time;
        }

        void complete(long time, long checkpointed, long full) {
            status = CheckpointStatus.COMPLETED;
            endTime = time;
            checkpointedSize = checkpointed;
            stateSize = full;
        }

        void fail(long time, CheckpointFailureReason reason, String message) {
            status = CheckpointStatus.FAILED;
            endTime = time;
            failureReason = reason;
            failureMessage = message;
        }

        CheckpointStats stats() {
            long duration = endTime >= 0 ? endTime - triggerTime : latestAck >= 0 ? latestAck - triggerTime : 0;
            return new CheckpointStats(checkpoint, kind, status, triggerTime, latestAck, duration, stateSize,
                    checkpointedSize, Math.min(metrics.size(), tasks), tasks, failureReason, failureMessage, metrics);
        }
    }
}
