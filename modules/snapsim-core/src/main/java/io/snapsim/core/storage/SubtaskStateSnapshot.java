package io.snapsim.core.storage;

import io.snapsim.core.state.KeyGroupRange;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state one subtask contributed to a snapshot.
 *
 * @param subtaskIndex     index of the subtask within its operator
 * @param keyGroups        key groups the keyed state covers, or {@link KeyGroupRange#EMPTY} for a non-keyed operator
 * @param keyedState       keyed state (key-group partitioned), or null when the operator has none
 * @param operatorState    non-keyed operator state (for example a sink's pending transactions), or null
 * @param sourcePositions  for sources: split id to the offset to resume from; empty otherwise
 * @param externalLocation where the operator writes outside the job, for a file sink its folder (an
 *                         absolute path), or null: kept next to the state rather than in it, so that
 *                         state sizes do not depend on where a run's folder lies
 */
public record SubtaskStateSnapshot(
        int subtaskIndex,
        KeyGroupRange keyGroups,
        StateHandle keyedState,
        StateHandle operatorState,
        Map<String, Long> sourcePositions,
        String externalLocation) {

    /** A subtask's state without an external location. */
    public SubtaskStateSnapshot(int subtaskIndex, KeyGroupRange keyGroups, StateHandle keyedState,
                                StateHandle operatorState, Map<String, Long> sourcePositions) {
        this(subtaskIndex, keyGroups, keyedState, operatorState, sourcePositions, null);
    }

    public SubtaskStateSnapshot {
        if (subtaskIndex < 0) {
            throw new IllegalArgumentException("subtaskIndex must be >= 0");
        }
        keyGroups = keyGroups == null ? KeyGroupRange.EMPTY : keyGroups;
        sourcePositions = sourcePositions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sourcePositions));
    }

    /** Total bytes of state this subtask holds: everything needed to restore it (Flink's full size). */
    public long stateSize() {
        return (keyedState == null ? 0 : keyedState.size()) + (operatorState == null ? 0 : operatorState.size());
    }

    /** Bytes this snapshot wrote for the subtask: less than {@link #stateSize()} when incremental. */
    public long checkpointedSize() {
        return (keyedState == null ? 0 : keyedState.checkpointedSize())
                + (operatorState == null ? 0 : operatorState.checkpointedSize());
    }
}
