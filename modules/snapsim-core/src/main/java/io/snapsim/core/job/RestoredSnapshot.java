package io.snapsim.core.job;

import io.snapsim.core.storage.CheckpointFormatException;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.SnapshotKind;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The retained checkpoint or savepoint a job was submitted from ({@code run -s},
 * {@code execution.state-recovery.path}). As in Flink, such a job is a new submission: it has a job
 * id of its own, and its checkpoint ids continue after {@code checkpointId}.
 *
 * @param kind         checkpoint or savepoint
 * @param checkpointId the snapshot's checkpoint id
 * @param jobId        the job that took the snapshot
 * @param metadataPath its {@code _metadata} file
 */
public record RestoredSnapshot(SnapshotKind kind, long checkpointId, String jobId, String metadataPath) {

    public RestoredSnapshot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(metadataPath, "metadataPath");
        if (checkpointId < 0) {
            throw new IllegalArgumentException("checkpoint id must be >= 0: " + checkpointId);
        }
    }

    /** What {@code metadataFile} holds; empty when it cannot be read (the restore itself then reports why). */
    public static Optional<RestoredSnapshot> read(Path metadataFile) {
        CheckpointMetadata metadata;
        try {
            metadata = MetadataFormat.read(metadataFile);
        } catch (CheckpointFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new RestoredSnapshot(metadata.kind(), metadata.checkpointId(), metadata.jobId(),
                metadataFile.toString()));
    }

    /** "checkpoint 3" or "savepoint 3". */
    public String describe() {
        return kind.name().toLowerCase() + " " + checkpointId;
    }
}
