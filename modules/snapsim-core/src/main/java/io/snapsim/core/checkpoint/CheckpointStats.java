package io.snapsim.core.checkpoint;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the checkpoint history, as Flink's web UI shows it. A snapshot taken when the row was
 * read: an in-progress row does not change afterwards. Invariants: {@code failureReason} and
 * {@code failureMessage} are non-null exactly when {@code status == FAILED};
 * {@code 0 <= numAcknowledged <= numTasks}. Immutable; the map is a copy ordered by subtask.
 *
 * @param checkpointId       the checkpoint id
 * @param kind               periodic, final or savepoint
 * @param status             in progress, completed or failed
 * @param triggerTimestamp   when it was triggered
 * @param latestAckTimestamp when the latest acknowledgement arrived, or -1 if none did
 * @param endToEndDurationMs completed: completion minus trigger; failed: abort time minus trigger
 *                           (latest ack minus trigger, or 0, when the abort time is unknown);
 *                           in progress: latest ack minus trigger, or 0
 * @param stateSize          full state size: the sum of the acknowledged subtasks' state
 * @param checkpointedSize   bytes the subtasks report as checkpointed (the delta when incremental)
 * @param numAcknowledged    subtasks that acknowledged
 * @param numTasks           subtasks the checkpoint waited for
 * @param failureReason      why it failed, or null
 * @param failureMessage     the failure's explanation, or null
 * @param subtaskMetrics     per acknowledged subtask, its reported metrics
 */
public record CheckpointStats(
        long checkpointId,
        TriggerKind kind,
        CheckpointStatus status,
        long triggerTimestamp,
        long latestAckTimestamp,
        long endToEndDurationMs,
        long stateSize,
        long checkpointedSize,
        int numAcknowledged,
        int numTasks,
        CheckpointFailureReason failureReason,
        String failureMessage,
        Map<SubtaskId, SubtaskCheckpointMetrics> subtaskMetrics) {

    public CheckpointStats {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        boolean failed = status == CheckpointStatus.FAILED;
        if (failed != (failureReason != null) || failed != (failureMessage != null)) {
            throw new IllegalArgumentException(
                    "failure reason and message must be set exactly when the status is FAILED, status " + status);
        }
        if (numAcknowledged < 0 || numAcknowledged > numTasks) {
            throw new IllegalArgumentException("numAcknowledged must be in [0, " + numTasks + "], was " + numAcknowledged);
        }
        subtaskMetrics = Collections.unmodifiableMap(new TreeMap<>(subtaskMetrics));
    }
}
