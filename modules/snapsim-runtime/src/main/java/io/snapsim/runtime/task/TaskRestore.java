package io.snapsim.runtime.task;

import io.snapsim.core.storage.StateHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The state one subtask restores, per operator uid of its chain, read from a snapshot's metadata.
 *
 * @param checkpointId the restored checkpoint's id
 * @param metadataFile the {@code _metadata} file the handles are relative to
 * @param operators    per operator uid what to restore; operators missing here start empty
 */
public record TaskRestore(long checkpointId, Path metadataFile, Map<String, OperatorRestore> operators) {

    /** What one operator subtask restores: keyed state of every old subtask whose key groups overlap, its own operator state, and source positions. */
    public record OperatorRestore(List<StateHandle> keyedState, StateHandle operatorState, Map<String, Long> sourcePositions) {
        public OperatorRestore {
            keyedState = List.copyOf(keyedState);
            sourcePositions = Map.copyOf(sourcePositions);
        }
    }
}
