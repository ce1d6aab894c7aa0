package io.snapsim.runtime.coordinator;

import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor.OperatorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Builds a checkpoint's {@code _metadata} from a pending checkpoint that every subtask
 * acknowledged, and writes it: into the checkpoint's {@code chk-N} folder, or into the savepoint's
 * own folder. Operators appear in uid order and their subtasks in index order, so the same
 * acknowledgements give the same file.
 *
 * <p>{@link #metadataOf} is pure; {@link #write} builds the metadata on the calling thread (the
 * coordinator's) and writes it on the I/O executor.
 */
final class MetadataAssembler {
    private final String jobId;
    private final Map<String, OperatorInfo> operators;
    private final ExternalizedCheckpointCleanup retention;
    private final FsCheckpointStorage storage;
    private final Executor io;

    /**
     * @param settings the job's id, operators, retention policy and checkpoint storage
     * @param io       where the file is written (the deterministic executor in deterministic runs)
     */
    MetadataAssembler(CheckpointCoordinatorActor.Settings settings, Executor io) {
        this.jobId = settings.jobId();
        this.operators = settings.operators();
        this.retention = settings.retention();
        this.storage = settings.storage();
        this.io = io;
    }

    /** The metadata of {@code pending}, completed at {@code now}. */
    CheckpointMetadata metadataOf(PendingCheckpoint pending, long now) {
        Map<String, List<SubtaskStateSnapshot>> byOperator = new TreeMap<>();
        for (Map.Entry<SubtaskId, SubtaskStateSnapshot> e : pending.acknowledgedStates().entrySet()) {
            byOperator.computeIfAbsent(e.getKey().operatorId(), k -> new ArrayList<>()).add(e.getValue());
        }
        List<OperatorStateSnapshot> snapshots = new ArrayList<>();
        for (Map.Entry<String, List<SubtaskStateSnapshot>> e : byOperator.entrySet()) {
            OperatorInfo info = operators.get(e.getKey());
            List<SubtaskStateSnapshot> subtasks = new ArrayList<>(e.getValue());
            subtasks.sort(Comparator.comparingInt(SubtaskStateSnapshot::subtaskIndex));
            snapshots.add(new OperatorStateSnapshot(info.uid(), info.name(), info.parallelism(), info.maxParallelism(),
                    subtasks));
        }
        return new CheckpointMetadata(jobId, pending.checkpointId(), pending.triggerTimestamp(), now,
                pending.kind() == TriggerKind.SAVEPOINT ? SnapshotKind.SAVEPOINT : SnapshotKind.CHECKPOINT,
                retention.name(), snapshots);
    }

    /**
     * Writes the metadata of {@code pending} on the I/O executor.
     *
     * @param savepointDir the savepoint's folder, or null for a checkpoint
     * @return the path of the written file, or the write's failure
     */
    CompletableFuture<String> write(PendingCheckpoint pending, Path savepointDir, long now) {
        CheckpointMetadata metadata = metadataOf(pending, now);
        long id = pending.checkpointId();
        return CompletableFuture.supplyAsync(() -> {
            if (savepointDir == null) {
                return storage.writeMetadata(id, metadata).toString();
            }
            MetadataFormat.write(savepointDir, metadata);
            return savepointDir.resolve(MetadataFormat.METADATA_FILE_NAME).toString();
        }, io);
    }
}
