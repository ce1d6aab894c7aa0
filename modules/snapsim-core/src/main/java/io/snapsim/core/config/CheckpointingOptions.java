package io.snapsim.core.config;

import java.time.Duration;

/** The {@code execution.checkpointing.*} options: when checkpoints are taken, how, and where they go. */
public final class CheckpointingOptions {

    private CheckpointingOptions() {}

    public static final ConfigOption<Duration> INTERVAL =
            ConfigOption.of("execution.checkpointing.interval", ConfigValues.positiveDuration())
                    .withDescription("Period between checkpoint triggers; checkpointing is off when not set.");

    public static final ConfigOption<CheckpointingMode> MODE =
            ConfigOption.of("execution.checkpointing.mode", ConfigValues.enumeration(CheckpointingMode.class))
                    .withDefault(CheckpointingMode.EXACTLY_ONCE)
                    .withDescription("EXACTLY_ONCE aligns barriers; AT_LEAST_ONCE only tracks them and never blocks.");

    public static final ConfigOption<Duration> TIMEOUT =
            ConfigOption.of("execution.checkpointing.timeout", ConfigValues.positiveDuration())
                    .withDefault(Duration.ofMinutes(10))
                    .withDescription("A pending checkpoint older than this expires, which counts as a failed checkpoint.");

    public static final ConfigOption<Duration> MIN_PAUSE =
            ConfigOption.of("execution.checkpointing.min-pause", ConfigValues.duration())
                    .withDefault(Duration.ZERO)
                    .withDescription("Least time between the end of one checkpoint and the next trigger.");

    public static final ConfigOption<Integer> MAX_CONCURRENT_CHECKPOINTS =
            ConfigOption.of("execution.checkpointing.max-concurrent-checkpoints", ConfigValues.integer(1, Integer.MAX_VALUE))
                    .withDefault(1)
                    .withDescription("Pending checkpoints allowed at once.");

    public static final ConfigOption<Integer> TOLERABLE_FAILED_CHECKPOINTS =
            ConfigOption.of("execution.checkpointing.tolerable-failed-checkpoints", ConfigValues.integer(0, Integer.MAX_VALUE))
                    .withDefault(0)
                    .withDescription("Consecutive failed checkpoints tolerated before the job fails over.");

    public static final ConfigOption<Boolean> UNALIGNED_ENABLED =
            ConfigOption.of("execution.checkpointing.unaligned.enabled", ConfigValues.bool())
                    .withFallbackKeys("execution.checkpointing.unaligned")
                    .withDefault(false)
                    .withDescription("Barriers overtake in-flight data, which is stored as channel state"
                            + " (EXACTLY_ONCE with max-concurrent-checkpoints 1 only).");

    public static final ConfigOption<Duration> ALIGNED_CHECKPOINT_TIMEOUT =
            ConfigOption.of("execution.checkpointing.aligned-checkpoint-timeout", ConfigValues.duration())
                    .withDefault(Duration.ZERO)
                    .withDescription("When greater than 0, start aligned and switch to unaligned after this long.");

    public static final ConfigOption<ExternalizedCheckpointRetention> EXTERNALIZED_CHECKPOINT_RETENTION =
            ConfigOption.of("execution.checkpointing.externalized-checkpoint-retention",
                            ConfigValues.enumeration(ExternalizedCheckpointRetention.class))
                    .withDefault(ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS)
                    .withDescription("Whether completed checkpoints survive the job's cancellation or terminal failure.");

    public static final ConfigOption<Integer> NUM_RETAINED =
            ConfigOption.of("execution.checkpointing.num-retained", ConfigValues.integer(1, Integer.MAX_VALUE))
                    .withFallbackKeys("state.checkpoints.num-retained")
                    .withDefault(1)
                    .withDescription("Completed checkpoints kept; older ones are subsumed and deleted.");

    public static final ConfigOption<String> DIR =
            ConfigOption.of("execution.checkpointing.dir", ConfigValues.nonBlankString())
                    .withFallbackKeys("state.checkpoints.dir")
                    .withDescription("Where checkpoint metadata and data files go.");

    public static final ConfigOption<String> SAVEPOINT_DIR =
            ConfigOption.of("execution.checkpointing.savepoint-dir", ConfigValues.nonBlankString())
                    .withFallbackKeys("state.savepoints.dir")
                    .withDescription("Default target directory of savepoints.");

    public static final ConfigOption<Boolean> INCREMENTAL =
            ConfigOption.of("execution.checkpointing.incremental", ConfigValues.bool())
                    .withFallbackKeys("state.backend.incremental")
                    .withDefault(false)
                    .withDescription("Upload only the difference to the previous checkpoint (RocksDB).");

    public static final ConfigOption<MemorySize> DATA_INLINE_THRESHOLD =
            ConfigOption.of("execution.checkpointing.data-inline-threshold", ConfigValues.memorySize(MemorySize.ofMebiBytes(1)))
                    .withFallbackKeys("state.storage.fs.memory-threshold")
                    .withDefault(MemorySize.ofKibiBytes(20))
                    .withDescription("State chunks smaller than this are written inside _metadata (at most 1 mb).");
}
