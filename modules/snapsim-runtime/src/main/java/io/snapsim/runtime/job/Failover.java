package io.snapsim.runtime.job;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.restart.RestartStrategy;
import io.snapsim.core.storage.CheckpointMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The job master's two decisions around a failover: whether and after which delay the job restarts
 * (the restart strategy decides, and counts the failure), and which snapshot an attempt starts
 * from. An attempt restores the newest retained checkpoint that is intact (its metadata reads and
 * every state file it refers to exists and matches its checksum) and that the job can start from; a
 * damaged one is skipped and reported; when every retained checkpoint is damaged the job cannot go
 * on. With none retained the attempt starts from the recovery path ({@code run -s}), or from scratch.
 *
 * <p>Decides only: the caller records what happened and deploys. Snapshots are read through
 * {@link SnapshotChecks}. Not thread-safe (the restart strategy counts failures): confined to the
 * job master.
 */
final class Failover {

    /** What the restart strategy decided after a failure. */
    sealed interface AfterFailure permits Restart, Suppressed {
    }

    /** Redeploy after {@code delayMillis}. */
    record Restart(long delayMillis) implements AfterFailure {
    }

    /** No restart: the job fails with {@code failure}. */
    record Suppressed(String failure) implements AfterFailure {
    }

    /** Where the next attempt starts. */
    sealed interface Start permits FromScratch, FromSnapshot, NoIntactCheckpoint, Unrestorable {
    }

    /** No snapshot to restore: every task starts empty, every source from its beginning. */
    record FromScratch() implements Start {
    }

    /** Restore the snapshot whose {@code _metadata} is {@code metadataFile}; it was found intact and fitting. */
    record FromSnapshot(Path metadataFile, CheckpointMetadata metadata) implements Start {
    }

    /** Every retained checkpoint is damaged: the job fails with {@code failure}. */
    record NoIntactCheckpoint(String failure) implements Start {
    }

    /** The snapshot to restore cannot be read or does not fit the job: the job fails with {@code failure}. */
    record Unrestorable(String failure) implements Start {
    }

    /** A retained checkpoint skipped because {@code problem} (a missing or corrupt file). */
    record DamagedCheckpoint(long checkpointId, String problem) {
        String reason() {
            return "checkpoint " + checkpointId + " is damaged: " + problem;
        }
    }

    /** Where the attempt starts, and the newer retained checkpoints skipped as damaged on the way, newest first. */
    record Choice(List<DamagedCheckpoint> damaged, Start start) {
        Choice {
            damaged = List.copyOf(damaged);
        }
    }

    /** Reads snapshots for the choice; both throw a RuntimeException whose message says what is wrong. */
    interface SnapshotChecks {
        /** The metadata at {@code metadataFile}, after checking that every state file it names is intact. */
        CheckpointMetadata readIntact(Path metadataFile);

        /** Checks that the job can start from the snapshot (operators, parallelism, state backend). */
        void checkFits(CheckpointMetadata metadata, Path metadataFile);
    }

    /** The checks a restore of {@code graph} with {@code settings} makes: {@link RestoreCheck}'s, on the files. */
    static SnapshotChecks restoreChecks(JobGraph graph, JobRunSettings settings) {
        return new SnapshotChecks() {
            @Override
            public CheckpointMetadata readIntact(Path metadataFile) {
                return RestoreCheck.verifyIntact(metadataFile);
            }

            @Override
            public void checkFits(CheckpointMetadata metadata, Path metadataFile) {
                RestoreCheck.check(metadata, metadataFile, graph, settings.allowNonRestoredState(), settings.stateBackend());
            }
        };
    }

    private final RestartStrategy restartStrategy;
    private final SnapshotChecks checks;
    private final Path recoveryPath;

    /**
     * @param recoveryPath the {@code _metadata} the job was submitted with ({@code run -s}), or null
     */
    Failover(RestartStrategy restartStrategy, SnapshotChecks checks, Path recoveryPath) {
        this.restartStrategy = restartStrategy;
        this.checks = checks;
        this.recoveryPath = recoveryPath;
    }

    /** A failure with {@code cause} at {@code nowMillis} of the job's clock: restart, or not. */
    AfterFailure afterFailure(String cause, long nowMillis) {
        OptionalLong delay = restartStrategy.onFailure(nowMillis);
        if (delay.isEmpty()) {
            return new Suppressed("Recovery is suppressed by " + restartStrategy.describe() + "; last failure: " + cause);
        }
        return new Restart(delay.getAsLong());
    }

    /** Where an attempt starts, given the checkpoints the coordinator retains. */
    Choice startFrom(List<CompletedCheckpoint> retainedNewestFirst) {
        List<DamagedCheckpoint> damaged = new ArrayList<>();
        for (CompletedCheckpoint c : retainedNewestFirst) {
            Path metadataFile = Path.of(c.metadataPath());
            CheckpointMetadata intact;
            try {
                intact = checks.readIntact(metadataFile);
            } catch (RuntimeException e) {
                damaged.add(new DamagedCheckpoint(c.checkpointId(), withinCheckpoints(e.getMessage(), metadataFile)));
                continue;
            }
            return new Choice(damaged, fitting(metadataFile, intact));
        }
        if (!damaged.isEmpty()) {
            return new Choice(damaged, new NoIntactCheckpoint("no intact retained checkpoint to restore from: "
                    + String.join("; ", damaged.stream().map(DamagedCheckpoint::reason).toList())));
        }
        return new Choice(damaged, fromRecoveryPath());
    }

    /**
     * {@code message} with the checkpoints folder dropped from the paths it names ({@code
     * <job>/chk-3/_metadata}), so that the history of a seed reads the same wherever the run's
     * checkpoints are kept.
     */
    private static String withinCheckpoints(String message, Path metadataFile) {
        Path jobFolder = metadataFile.toAbsolutePath().getParent().getParent();
        Path root = jobFolder == null ? null : jobFolder.getParent();
        if (message == null || root == null) {
            return String.valueOf(message);
        }
        return message.replace(root + root.getFileSystem().getSeparator(), "");
    }

    private Start fromRecoveryPath() {
        if (recoveryPath == null) {
            return new FromScratch();
        }
        CheckpointMetadata metadata;
        try {
            metadata = checks.readIntact(recoveryPath);
        } catch (RuntimeException e) {
            return unrestorable(recoveryPath, e);
        }
        return fitting(recoveryPath, metadata);
    }

    private Start fitting(Path metadataFile, CheckpointMetadata metadata) {
        try {
            checks.checkFits(metadata, metadataFile);
        } catch (RuntimeException e) {
            return unrestorable(metadataFile, e);
        }
        return new FromSnapshot(metadataFile, metadata);
    }

    private static Start unrestorable(Path metadataFile, RuntimeException e) {
        return new Unrestorable("cannot restore from " + metadataFile + ": " + e.getMessage());
    }
}
