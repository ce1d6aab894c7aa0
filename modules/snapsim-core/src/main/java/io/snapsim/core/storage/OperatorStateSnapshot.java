package io.snapsim.core.storage;

import java.util.List;

/** The state of all subtasks of one operator in a snapshot. Subtasks are ordered by index. */
public record OperatorStateSnapshot(
        String operatorId,
        String operatorName,
        int parallelism,
        int maxParallelism,
        List<SubtaskStateSnapshot> subtasks) {

    public OperatorStateSnapshot {
        if (parallelism < 1 || maxParallelism < parallelism) {
            throw new IllegalArgumentException("bad parallelism " + parallelism + " / max " + maxParallelism
                    + " for operator " + operatorId);
        }
        subtasks = List.copyOf(subtasks);
    }

    public long stateSize() {
        return subtasks.stream().mapToLong(SubtaskStateSnapshot::stateSize).sum();
    }
}
