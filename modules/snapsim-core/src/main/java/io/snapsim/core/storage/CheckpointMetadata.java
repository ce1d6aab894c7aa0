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

    /** Bytes this snapshot wrote: less than {@link #stateSize()} when it is incremental. */
    public long checkpointedSize() {
        return operators.stream().flatMap(op -> op.subtasks().stream())
                .mapToLong(SubtaskStateSnapshot::checkpointedSize).sum();
    }

    /**
     * The native format of the keyed state (for example {@code rocksdb-native}) when some subtask's
     * keyed state is a {@link StateHandle.Native}; empty when all keyed state is canonical.
     */
    public java.util.Optional<String> nativeKeyedFormat() {
        return operators.stream().flatMap(op -> op.subtasks().stream())
                .map(SubtaskStateSnapshot::keyedState)
                .filter(h -> h instanceof StateHandle.Native)
                .map(h -> ((StateHandle.Native) h).format())
                .findFirst();
    }

    /** True when some subtask holds keyed state in the canonical (backend-independent) format. */
    public boolean hasCanonicalKeyedState() {
        return operators.stream().flatMap(op -> op.subtasks().stream())
                .map(SubtaskStateSnapshot::keyedState)
                .anyMatch(h -> h != null && !(h instanceof StateHandle.Native));
    }

    /**
     * True when every state handle is inline or relative to the metadata's directory. A native
     * handle is not: its files may lie outside the snapshot's folder (the job's {@code shared/}).
     */
    public boolean isSelfContained() {
        for (OperatorStateSnapshot op : operators) {
            for (SubtaskStateSnapshot st : op.subtasks()) {
                if (st.keyedState() instanceof StateHandle.Native) {
                    return false;
                }
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
