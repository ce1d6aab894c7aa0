package io.snapsim.runtime.job;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.PipelineOptions;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.storage.CheckpointFormatException;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.StateReader;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a job may start from a snapshot, as {@code flink run -s} does: every operator
 * state in the snapshot must map to an operator of the job (unless unclaimed state is allowed), and
 * a checkpoint, unlike a savepoint, must be resumed at the parallelism it was taken with.
 */
public final class RestoreCheck {
    private RestoreCheck() {
    }

    /**
     * @param backend the state backend the job runs with: a checkpoint, whose format is backend
     *     specific, restores only into the backend that took it (a savepoint into either)
     * @throws InvalidInputException naming the metadata file and the operator when the job cannot start from it
     */
    public static void check(CheckpointMetadata metadata, Path metadataFile, JobGraph graph, boolean allowNonRestoredState,
                             StateBackendType backend) {
        if (metadata.kind() == SnapshotKind.CHECKPOINT) {
            checkBackend(metadata, metadataFile, backend);
        }
        for (OperatorStateSnapshot op : metadata.operators()) {
            JobGraph.ResolvedNode node = graph.nodeByUid(op.operatorId());
            if (node == null) {
                if (!allowNonRestoredState) {
                    throw new InvalidInputException(metadataFile + ": cannot map state for operator '" + op.operatorId()
                            + "' to the new job: the job has no operator with that uid (it has "
                            + graph.nodes().stream().map(JobGraph.ResolvedNode::uid).toList()
                            + "); allow non-restored state (--allowNonRestoredState, "
                            + "execution.state-recovery.ignore-unclaimed-state: true) to skip it");
                }
                continue;
            }
            if (metadata.kind() == SnapshotKind.CHECKPOINT && node.parallelism() != op.parallelism()) {
                throw new InvalidInputException(metadataFile + ": checkpoint " + metadata.checkpointId()
                        + " was taken with operator '" + op.operatorId() + "' at parallelism " + op.parallelism()
                        + ", the job runs it at " + node.parallelism()
                        + "; checkpoints do not support rescaling: take a savepoint and resume from it instead");
            }
            if (node.maxParallelism() != op.maxParallelism() && hasKeyedState(op)) {
                checkMaxParallelism(metadataFile, node, op);
            }
        }
    }

    /**
     * Max parallelism cannot change across a restore, as in Flink: an operator whose max parallelism
     * was derived takes the snapshot's (see {@link #withSnapshotMaxParallelism}) if its parallelism
     * fits; one whose max parallelism was set must match.
     */
    private static void checkMaxParallelism(Path metadataFile, JobGraph.ResolvedNode node, OperatorStateSnapshot op) {
        if (!node.maxParallelismDerived()) {
            throw new InvalidInputException(metadataFile + ": operator '" + op.operatorId() + "' has max parallelism "
                    + node.maxParallelism() + " (set by " + PipelineOptions.MAX_PARALLELISM.key()
                    + " or the job's code) but its state was taken with max parallelism " + op.maxParallelism()
                    + "; max parallelism cannot change across a restore: set " + PipelineOptions.MAX_PARALLELISM.key()
                    + " to " + op.maxParallelism() + " or leave it unset");
        }
        if (node.parallelism() > op.maxParallelism()) {
            throw new InvalidInputException(metadataFile + ": operator '" + op.operatorId() + "' runs at parallelism "
                    + node.parallelism() + ", above the max parallelism " + op.maxParallelism()
                    + " its state was taken with; max parallelism cannot change across a restore, so run it at"
                    + " parallelism " + op.maxParallelism() + " or less");
        }
    }

    private static boolean hasKeyedState(OperatorStateSnapshot op) {
        return op.subtasks().stream().anyMatch(s -> s.keyedState() != null);
    }

    /**
     * {@code graph} with the max parallelism of the snapshot at {@code metadataFile} (null: none) for
     * every operator whose max parallelism was derived and whose keyed state the snapshot holds, as
     * Flink adopts it on restore. Unchanged when the snapshot cannot be read or does not fit: the
     * restore then fails with {@link #check}'s message.
     */
    public static JobGraph withSnapshotMaxParallelism(JobGraph graph, Path metadataFile) {
        if (metadataFile == null) {
            return graph;
        }
        Map<String, Integer> keyed = new HashMap<>();
        try {
            for (OperatorStateSnapshot op : MetadataFormat.read(metadataFile).operators()) {
                if (hasKeyedState(op)) {
                    keyed.put(op.operatorId(), op.maxParallelism());
                }
            }
            return graph.withRestoredMaxParallelism(keyed);
        } catch (CheckpointFormatException | IllegalArgumentException e) {
            return graph;
        }
    }

    private static void checkBackend(CheckpointMetadata metadata, Path metadataFile, StateBackendType backend) {
        String advice = "; a checkpoint's format belongs to the state backend that took it: run with "
                + "state.backend.type: %s, or resume from a savepoint (canonical format, restores into either backend)";
        if (metadata.nativeKeyedFormat().isPresent() && backend != StateBackendType.ROCKSDB) {
            throw new InvalidInputException(metadataFile + ": checkpoint " + metadata.checkpointId()
                    + " holds RocksDB state in its native format (" + metadata.nativeKeyedFormat().get()
                    + "), but the job uses the " + name(backend) + " state backend" + String.format(advice, "rocksdb"));
        }
        if (metadata.hasCanonicalKeyedState() && backend == StateBackendType.ROCKSDB) {
            throw new InvalidInputException(metadataFile + ": checkpoint " + metadata.checkpointId()
                    + " holds heap (hashmap) state, but the job uses the rocksdb state backend"
                    + String.format(advice, "hashmap"));
        }
    }

    private static String name(StateBackendType backend) {
        return backend.spellings().get(0);
    }

    /**
     * Reads a snapshot's metadata and every state file it points to (for a native RocksDB
     * checkpoint: its files in the checkpoint's folder and in {@code shared/} next to it, by size and
     * checksum); throws naming what is missing or corrupt, or what lies outside the snapshot's
     * {@link SnapshotTree} (refused before it is opened).
     */
    public static CheckpointMetadata verifyIntact(Path metadataFile) {
        CheckpointMetadata metadata = MetadataFormat.read(metadataFile);
        SnapshotTree snapshot = SnapshotTree.of(metadataFile, metadata.kind());
        for (OperatorStateSnapshot op : metadata.operators()) {
            for (SubtaskStateSnapshot subtask : op.subtasks()) {
                if (subtask.keyedState() instanceof StateHandle.Native nativeHandle) {
                    verifyNative(nativeHandle, snapshot);
                } else if (subtask.keyedState() != null) {
                    StateReader.read(subtask.keyedState(), snapshot);
                }
                if (subtask.operatorState() != null) {
                    StateReader.read(subtask.operatorState(), snapshot);
                }
            }
        }
        return metadata;
    }

    private static void verifyNative(StateHandle.Native nativeHandle, SnapshotTree snapshot) {
        try {
            IncrementalStateHandle.fromStateHandle(nativeHandle).verifyFiles(snapshot);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CheckpointFormatException(snapshot.metadataFile(), e.getMessage());
        }
    }
}
