package io.snapsim.core.job;

import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import java.util.List;
import java.util.SortedMap;

/**
 * The outcome of one job run.
 *
 * @param jobId            the job's id (also its folder under the checkpoint directory)
 * @param jobName          the name given to execute
 * @param status           how it ended
 * @param failureMessage   why it failed, or null
 * @param restarts         how many times it was restarted after a failure
 * @param recordsIn        records the sources emitted in the final attempt (a restored source counts from its restored position)
 * @param recordsOut       records the sinks received in the final attempt
 * @param counts           checkpoint counts (triggered, completed, failed, restored)
 * @param checkpointHistory one row per checkpoint
 * @param finalKeyedState  operator uid → state name → key → value, at the end of a finished job
 * @param latestCheckpoint path of the latest completed checkpoint's {@code _metadata}, or null
 * @param wallMillis       wall-clock duration of the run in milliseconds
 * @param restored         the checkpoint or savepoint the job was submitted from ({@code run -s}), or null
 */
public record JobResult(
        String jobId,
        String jobName,
        JobStatus status,
        String failureMessage,
        int restarts,
        long recordsIn,
        long recordsOut,
        CheckpointCounts counts,
        List<CheckpointStats> checkpointHistory,
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalKeyedState,
        String latestCheckpoint,
        long wallMillis,
        RestoredSnapshot restored) {

    /** The ids of the checkpoints (not savepoints) this run completed, in increasing order. */
    public List<Long> completedCheckpointIds() {
        return checkpointHistory.stream()
                .filter(s -> s.status() == CheckpointStatus.COMPLETED && s.kind().isCheckpoint())
                .map(CheckpointStats::checkpointId).sorted().toList();
    }
}
