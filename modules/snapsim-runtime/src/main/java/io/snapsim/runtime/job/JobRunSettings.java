package io.snapsim.runtime.job;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.restart.RestartStrategy;
import io.snapsim.runtime.fault.ArmedFault;
import java.nio.file.Path;
import java.util.List;

/**
 * The resolved settings of one job run.
 *
 * @param jobId                the job's id: its folder under the checkpoint directory
 * @param coordinatorConfig    checkpoint timing and retention; null when checkpointing is off
 * @param mode                 exactly-once or at-least-once
 * @param retention            what is left on disk when the job ends
 * @param checkpointsDirectory {@code state.checkpoints.dir} (or the per-job override)
 * @param inlineThresholdBytes state below this size is written into {@code _metadata}
 * @param restartStrategy      what to do after a failure
 * @param recoveryPath         {@code _metadata} file to start from ({@code run -s}), or null
 * @param faultPlan            what tasks, channels and the coordinator must break
 * @param batchSize            records per network batch
 * @param credits              batches in flight per channel
 * @param allowNonRestoredState start even if the snapshot holds state of operators the job lacks
 * @param stateBackend         where keyed state lives while the job runs (hashmap or rocksdb)
 * @param savepointsDirectory  {@code state.savepoints.dir}, or null
 * @param claimMode            CLAIM: the job owns the retained checkpoint it starts from and deletes it once subsumed
 * @param incrementalCheckpoints RocksDB checkpoints upload only the files the last completed one lacks
 * @param restoredFrom         what {@code recoveryPath} holds; null without a recovery path or when it cannot
 *                             be read (the restore then fails naming the reason)
 */
public record JobRunSettings(
        String jobId,
        CheckpointCoordinatorConfig coordinatorConfig,
        CheckpointingMode mode,
        ExternalizedCheckpointCleanup retention,
        Path checkpointsDirectory,
        int inlineThresholdBytes,
        RestartStrategy restartStrategy,
        Path recoveryPath,
        io.snapsim.runtime.fault.FaultPlan faultPlan,
        int batchSize,
        int credits,
        boolean allowNonRestoredState,
        io.snapsim.core.config.StateBackendType stateBackend,
        Path savepointsDirectory,
        io.snapsim.core.config.RecoveryClaimMode claimMode,
        boolean incrementalCheckpoints,
        RestoredSnapshot restoredFrom) {

    public JobRunSettings {
        java.util.Objects.requireNonNull(faultPlan, "faultPlan");
        if (batchSize < 1 || credits < 1) {
            throw new IllegalArgumentException("batch size and credits must be >= 1");
        }
    }

    /** The faults tasks perform. */
    public List<ArmedFault> faults() {
        return faultPlan.tasks();
    }

    public boolean checkpointing() {
        return coordinatorConfig != null;
    }
}
