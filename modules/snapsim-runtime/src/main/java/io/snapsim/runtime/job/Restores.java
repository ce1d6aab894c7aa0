package io.snapsim.runtime.job;

import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.task.TaskRestore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the state in a snapshot's metadata onto the subtasks of a plan: at the same parallelism
 * every subtask takes its own state; at another parallelism keyed state is redistributed by key
 * group (every old subtask whose range overlaps the new range contributes) and source positions
 * are pooled, since splits are assigned by split id.
 */
final class Restores {
    private final SnapshotTree snapshot;
    private final CheckpointMetadata metadata;
    private final Map<String, OperatorStateSnapshot> byUid = new HashMap<>();

    Restores(Path metadataFile, CheckpointMetadata metadata, JobPlan plan) {
        this.snapshot = SnapshotTree.of(metadataFile, metadata.kind());
        this.metadata = metadata;
        for (OperatorStateSnapshot op : metadata.operators()) {
            byUid.put(op.operatorId(), op);
        }
    }

    /** The id of the snapshot restored. */
    long checkpointId() {
        return metadata.checkpointId();
    }

    TaskRestore forTask(JobPlan.Vertex vertex, int subtask) {
        Map<String, TaskRestore.OperatorRestore> operators = new HashMap<>();
        for (ResolvedNode node : vertex.chain()) {
            OperatorStateSnapshot op = byUid.get(node.uid());
            if (op != null) {
                operators.put(node.uid(), forOperator(op, node, subtask));
            }
        }
        return new TaskRestore(metadata.checkpointId(), snapshot, operators);
    }

    private TaskRestore.OperatorRestore forOperator(OperatorStateSnapshot op, ResolvedNode node, int subtask) {
        Map<String, Long> positions = new TreeMap<>();
        for (SubtaskStateSnapshot s : op.subtasks()) {
            positions.putAll(s.sourcePositions());
        }
        if (op.parallelism() == node.parallelism()) {
            SubtaskStateSnapshot own = op.subtasks().stream().filter(s -> s.subtaskIndex() == subtask).findFirst()
                    .orElse(null);
            if (own == null) {
                return new TaskRestore.OperatorRestore(List.of(), null, positions, null);
            }
            List<StateHandle> keyed = own.keyedState() == null ? List.of() : List.of(own.keyedState());
            return new TaskRestore.OperatorRestore(keyed, own.operatorState(), positions, own.externalLocation());
        }
        KeyGroupRange range = KeyGroups.rangeForSubtask(node.maxParallelism(), node.parallelism(), subtask);
        List<StateHandle> keyed = new ArrayList<>();
        for (SubtaskStateSnapshot s : op.subtasks()) {
            KeyGroupRange old = s.keyGroups();
            boolean overlaps = !old.isEmpty() && old.start() <= range.end() && range.start() <= old.end();
            if (overlaps && s.keyedState() != null) {
                keyed.add(s.keyedState());
            }
        }
        return new TaskRestore.OperatorRestore(keyed, null, positions, null);
    }
}
