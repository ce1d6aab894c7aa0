package io.snapsim.core.storage;

import java.util.List;

/**
 * The content of a {@code _metadata} file: which snapshot this is and where every subtask's state is.
 *
 * @param jobId               the job that took the snapshot
 * @param checkpointId        the checkpoint id (savepoints carry the id of the checkpoint counter too)
 * @param triggerTimestamp    trigger time in milliseconds of the job's clock
 * @param completionTimestamp completion time in milliseconds of the job's clock
 * @param kind                checkpoint or savepoint
 * @param retention           the externalized-checkpoint retention the job ran with (name of the enum constant)
 * @param operators           per operator the state of its subtasks, ordered by operator id
 */
public record CheckpointMetadata(
        String jobId,
        long checkpointId,
        long triggerTimestamp,
        long completionTimestamp,
        SnapshotKind kind,
        String retention,
        List<OperatorStateSnapshot> operators) {

    public CheckpointMetadata {
        operators = List.copyOf(operators);
    }

    public long stateSize() {
        return operators.stream().mapToLong(OperatorStateSnapshot::stateSize).sum();
    }

    /** True when every state handle is inline or relative to the metadata's directory. */
    public boolean isSelfContained() {
        for (OperatorStateSnapshot op : operators) {
            for (SubtaskStateSnapshot st : op.subtasks()) {
                if (st.keyedState() instanceof StateHandle.File f && !f.relative()) {
                    return false;
                }
                if (st.operatorState() instanceof StateHandle.File f && !f.relative()) {
                    return false;
                }
            }
        }
        return true;
    }
}
