package io.snapsim.runtime.job;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.ConfigOption;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.RestartOptions;
import io.snapsim.core.config.RestartStrategyType;
import io.snapsim.core.config.StateOptions;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.restart.RestartStrategy;
import io.snapsim.core.storage.StoragePaths;
import io.snapsim.core.storage.WritableFolder;
import io.snapsim.runtime.fault.ArmedFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns an effective {@link Configuration} (Flink keys, already merged by precedence) into the
 * settings of one job run. Bad values surface as the configuration's one-line errors.
 */
public final class JobSettingsResolver {
    /** Records per network batch. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** Batches a sender may have in flight per channel. */
    public static final int DEFAULT_CREDITS = 4;

    private JobSettingsResolver() {
    }

    /**
     * @param defaultCheckpointsDir used when neither {@code state.checkpoints.dir} nor
     *                              {@code execution.checkpointing.dir} is set
     */
    public static JobRunSettings resolve(Configuration config, String jobId, Path defaultCheckpointsDir,
                                         List<ArmedFault> faults, long seed) {
        return resolve(config, jobId, defaultCheckpointsDir, io.snapsim.runtime.fault.FaultPlan.ofTasks(faults), seed);
    }

    /** As {@link #resolve(Configuration, String, Path, List, long)} with a full fault plan. */
    public static JobRunSettings resolve(Configuration config, String jobId, Path defaultCheckpointsDir,
                                         io.snapsim.runtime.fault.FaultPlan faults, long seed) {
        Optional<Duration> interval = config.getOptional(CheckpointingOptions.INTERVAL);
        CheckpointCoordinatorConfig coordinator = interval.map(i -> new CheckpointCoordinatorConfig(
                i.toMillis(),
                config.get(CheckpointingOptions.TIMEOUT).toMillis(),
                config.get(CheckpointingOptions.MIN_PAUSE).toMillis(),
                config.get(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS),
                config.get(CheckpointingOptions.TOLERABLE_FAILED_CHECKPOINTS),
                config.get(CheckpointingOptions.NUM_RETAINED))).orElse(null);
        CheckpointingMode mode = CheckpointingMode.valueOf(config.get(CheckpointingOptions.MODE).name());
        ExternalizedCheckpointCleanup retention = ExternalizedCheckpointCleanup.valueOf(
                config.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION).name());
        Path dir = config.getOptional(CheckpointingOptions.DIR)
                .map(v -> StoragePaths.parseDirectory(config.effectiveKey(CheckpointingOptions.DIR)
                        .orElse(CheckpointingOptions.DIR.key()), v))
                .orElse(defaultCheckpointsDir);
        int inline = (int) Math.min(Integer.MAX_VALUE, config.get(CheckpointingOptions.DATA_INLINE_THRESHOLD).bytes());
        Path recovery = config.getOptional(StateOptions.RECOVERY_PATH).map(StoragePaths::resolveMetadataFile).orElse(null);
        return new JobRunSettings(jobId, coordinator, mode, retention, dir.toAbsolutePath(), inline,
                restartStrategy(config, coordinator != null, seed), recovery, faults, DEFAULT_BATCH_SIZE, DEFAULT_CREDITS,
                config.get(StateOptions.IGNORE_UNCLAIMED_STATE), config.get(StateOptions.BACKEND_TYPE),
                config.getOptional(CheckpointingOptions.SAVEPOINT_DIR).map(v -> StoragePaths.parseDirectory(
                        config.effectiveKey(CheckpointingOptions.SAVEPOINT_DIR).orElse(CheckpointingOptions.SAVEPOINT_DIR.key()), v)
                        .toAbsolutePath()).orElse(null),
                config.get(StateOptions.RECOVERY_CLAIM_MODE), config.get(CheckpointingOptions.INCREMENTAL),
                recovery == null ? null : RestoredSnapshot.read(recovery).orElse(null));
    }

    /**
     * Checks, before a job starts, the folders it will write into: the checkpoint folder when
     * checkpointing is on and it is configured, and the savepoint folder when configured; each is
     * created if missing ({@link WritableFolder}). Relative paths are taken against the process's
     * working directory, as {@link #resolve} takes them.
     *
     * @throws InvalidInputException {@code "<key>: <why>"}, naming the key the user wrote
     *                               ({@code state.checkpoints.dir}, {@code execution.checkpointing.dir}, ...)
     */
    public static void requireUsableFolders(Configuration config) {
        if (config.getOptional(CheckpointingOptions.INTERVAL).isPresent()) {
            requireUsableFolder(config, CheckpointingOptions.DIR);
        }
        requireUsableFolder(config, CheckpointingOptions.SAVEPOINT_DIR);
    }

    private static void requireUsableFolder(Configuration config, ConfigOption<String> option) {
        config.getOptional(option).ifPresent(value -> {
            String key = config.effectiveKey(option).orElse(option.key());
            WritableFolder.require(key, StoragePaths.parseDirectory(key, value));
        });
    }

    static RestartStrategy restartStrategy(Configuration config, boolean checkpointing, long seed) {
        RestartStrategyType type = config.getOptional(RestartOptions.TYPE)
                .orElse(checkpointing ? RestartStrategyType.EXPONENTIAL_DELAY : RestartStrategyType.NONE);
        return switch (type) {
            case NONE -> new RestartStrategy.NoRestart();
            case FIXED_DELAY -> new RestartStrategy.FixedDelay(config.get(RestartOptions.FIXED_DELAY_ATTEMPTS),
                    config.get(RestartOptions.FIXED_DELAY_DELAY).toMillis());
            case EXPONENTIAL_DELAY -> new RestartStrategy.ExponentialDelay(
                    config.get(RestartOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF).toMillis(),
                    config.get(RestartOptions.EXPONENTIAL_DELAY_MAX_BACKOFF).toMillis(),
                    config.get(RestartOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER),
                    config.get(RestartOptions.EXPONENTIAL_DELAY_JITTER_FACTOR),
                    config.get(RestartOptions.EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD).toMillis(),
                    config.get(RestartOptions.EXPONENTIAL_DELAY_ATTEMPTS_BEFORE_RESET_BACKOFF),
                    new SplittableRandom(seed ^ 0x5EEDL));
            case FAILURE_RATE -> new RestartStrategy.FailureRate(
                    config.get(RestartOptions.FAILURE_RATE_MAX_FAILURES_PER_INTERVAL),
                    config.get(RestartOptions.FAILURE_RATE_INTERVAL).toMillis(),
                    config.get(RestartOptions.FAILURE_RATE_DELAY).toMillis());
        };
    }
}
