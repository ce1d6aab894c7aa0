package io.snapsim.core.run;

import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.CheckpointHistory;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.RecordCounts;
import io.snapsim.core.job.JobStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one job's history says of it: how it ended, its restarts, records, checkpoints and what it
 * retained. Drawn from the history alone.
 *
 * @param status             how the job ended, or null when the history has no end (the run was cut short)
 * @param failureMessage     why it failed, or null
 * @param restarts           how many times it was deployed again after a failure
 * @param startTime          when it was first deployed, on the job's clock (virtual in deterministic runs)
 * @param endTime            when it ended, on the same clock, or its last event's time when it has no end
 * @param records            records read and written, over all attempts and in the last
 * @param checkpoints        the checkpoint statistics (rows and counts)
 * @param checkpointing      whether it checkpointed (a checkpoint interval was set)
 * @param retainedFolder     the name of the retained checkpoint's folder ({@code chk-N}), or null when none was kept
 * @param noIntactCheckpoint whether it failed because every retained checkpoint was damaged
 */
public record JobRecord(JobStatus status, String failureMessage, int restarts, long startTime, long endTime,
                        RecordCounts records, CheckpointHistory checkpoints, boolean checkpointing,
                        String retainedFolder, boolean noIntactCheckpoint) {

    /** The event types a job record is drawn from. */
    public static final Set<Class<? extends HistoryEvent>> EVENT_TYPES = eventTypes();

    /**
     * The record of {@code history} (its events in history order).
     *
     * @param checkpointing whether the job was set to checkpoint
     */
    public static JobRecord of(List<HistoryEvent> history, boolean checkpointing) {
        JobStatus status = null;
        String failure = null;
        int restarts = 0;
        long start = history.isEmpty() ? 0 : history.get(0).time();
        long end = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
        String retained = null;
        boolean noIntact = false;
        for (HistoryEvent event : history) {
            if (event instanceof JobEvents.Deployed d && d.attempt() > 0) {
                restarts++;
            } else if (event instanceof JobEvents.Ended e) {
                status = JobStatus.valueOf(e.status().toUpperCase(Locale.ROOT));
                failure = e.failure();
                end = e.time();
            } else if (event instanceof CheckpointEvents.RetentionApplied r) {
                retained = r.kept();
            } else if (event instanceof JobEvents.NoIntactCheckpoint) {
                noIntact = true;
            }
        }
        return new JobRecord(status, failure, restarts, start, end, RecordCounts.of(history),
                CheckpointHistory.of(history), checkpointing, retained, noIntact);
    }

    /** Whether the history records the job's end. */
    public boolean ended() {
        return status != null;
    }

    /** How long the job ran on its own clock: wall time in live runs, virtual time in deterministic ones. */
    public long durationMillis() {
        return endTime - startTime;
    }

    /** The checkpoint counters, or null when the job did not checkpoint. */
    public CheckpointCounts counts() {
        return checkpointing ? checkpoints.counts() : null;
    }

    /** One row per checkpoint and savepoint, in trigger order. */
    public List<CheckpointStats> checkpointHistory() {
        return checkpoints.rows();
    }

    /** The ids of the checkpoints (not savepoints) the job completed, in increasing order. */
    public List<Long> completedCheckpointIds() {
        return checkpoints.rows().stream()
                .filter(s -> s.status() == CheckpointStatus.COMPLETED && s.kind().isCheckpoint())
                .map(CheckpointStats::checkpointId).sorted().toList();
    }

    private static Set<Class<? extends HistoryEvent>> eventTypes() {
        Set<Class<? extends HistoryEvent>> types = new HashSet<>(RecordCounts.EVENT_TYPES);
        types.addAll(CheckpointHistory.EVENT_TYPES);
        types.addAll(Set.of(JobEvents.Deployed.class, JobEvents.Ended.class, CheckpointEvents.RetentionApplied.class,
                JobEvents.NoIntactCheckpoint.class));
        return Set.copyOf(types);
    }
}
