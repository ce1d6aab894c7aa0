package io.snapsim.runtime.task;

import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import java.util.List;
import java.util.Map;

/**
 * The state one subtask restores, per operator uid of its chain, read from a snapshot's metadata.
 *
 * @param checkpointId the restored checkpoint's id
 * @param snapshot     the tree of the {@code _metadata} file the handles came from: relative
 *                     handles resolve in it, and no file outside it is read
 * @param operators    per operator uid what to restore; operators missing here start empty
 */
public record TaskRestore(long checkpointId, SnapshotTree snapshot, Map<String, OperatorRestore> operators) {

    /**
     * What one operator subtask restores: keyed state of every old subtask whose key groups overlap,
     * its own operator state and external location (a sink's folder, or null), and source positions.
     */
    public record OperatorRestore(List<StateHandle> keyedState, StateHandle operatorState, Map<String, Long> sourcePositions,
                                  String externalLocation) {
        public OperatorRestore {
            keyedState = List.copyOf(keyedState);
            sourcePositions = Map.copyOf(sourcePositions);
        }
    }
}
