package io.snapsim.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of every option snapsim understands, in display order. Immutable. */
public final class ConfigOptions {

    private static final List<ConfigOption<?>> ALL = List.of(
            CheckpointingOptions.INTERVAL,
            CheckpointingOptions.MODE,
            CheckpointingOptions.TIMEOUT,
            CheckpointingOptions.MIN_PAUSE,
            CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS,
            CheckpointingOptions.TOLERABLE_FAILED_CHECKPOINTS,
            CheckpointingOptions.UNALIGNED_ENABLED,
            CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT,
            CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
            CheckpointingOptions.NUM_RETAINED,
            CheckpointingOptions.DIR,
            CheckpointingOptions.SAVEPOINT_DIR,
            CheckpointingOptions.INCREMENTAL,
            CheckpointingOptions.DATA_INLINE_THRESHOLD,
            StateOptions.BACKEND_TYPE,
            StateOptions.RECOVERY_PATH,
            StateOptions.RECOVERY_CLAIM_MODE,
            StateOptions.IGNORE_UNCLAIMED_STATE,
            RestartOptions.TYPE,
            RestartOptions.FIXED_DELAY_ATTEMPTS,
            RestartOptions.FIXED_DELAY_DELAY,
            RestartOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF,
            RestartOptions.EXPONENTIAL_DELAY_MAX_BACKOFF,
            RestartOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
            RestartOptions.EXPONENTIAL_DELAY_JITTER_FACTOR,
            RestartOptions.EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
            RestartOptions.EXPONENTIAL_DELAY_ATTEMPTS_BEFORE_RESET_BACKOFF,
            RestartOptions.FAILURE_RATE_MAX_FAILURES_PER_INTERVAL,
            RestartOptions.FAILURE_RATE_INTERVAL,
            RestartOptions.FAILURE_RATE_DELAY,
            PipelineOptions.DEFAULT_PARALLELISM,
            PipelineOptions.MAX_PARALLELISM);

    /** Every main and fallback key to its option. */
    private static final Map<String, ConfigOption<?>> BY_KEY = indexByKey();

    private ConfigOptions() {}

    /** Every option, in the order tables list them. */
    public static List<ConfigOption<?>> all() {
        return ALL;
    }

    /** The option a key names, whether it is the main key or a fallback key. */
    public static Optional<ConfigOption<?>> forKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Every key that is accepted: main keys and fallback keys. */
    public static Set<String> knownKeys() {
        return BY_KEY.keySet();
    }

    private static Map<String, ConfigOption<?>> indexByKey() {
        Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
        for (ConfigOption<?> option : ALL) {
            for (String key : option.allKeys()) {
                if (byKey.put(key, option) != null) {
                    throw new IllegalStateException("key declared twice: " + key);
                }
            }
        }
        return Collections.unmodifiableMap(byKey);
    }
}
