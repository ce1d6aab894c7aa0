package io.snapsim.core.config;

import java.time.Duration;

/** The {@code restart-strategy.*} options: whether and when a failed job restarts. */
public final class RestartOptions {

    private RestartOptions() {}

    /**
     * The strategy; deliberately without a static default because Flink's default depends on
     * whether checkpointing is on. Read it through {@link #effectiveStrategy(Configuration)}.
     */
    public static final ConfigOption<RestartStrategyType> TYPE =
            ConfigOption.of("restart-strategy.type", ConfigValues.enumeration(RestartStrategyType.class))
                    .withFallbackKeys("restart-strategy")
                    .withDescription("none, fixed-delay, exponential-delay or failure-rate; defaults to"
                            + " exponential-delay when checkpointing is on, else none.");

    public static final ConfigOption<Integer> FIXED_DELAY_ATTEMPTS =
            ConfigOption.of("restart-strategy.fixed-delay.attempts", ConfigValues.integer(0, Integer.MAX_VALUE))
                    .withDefault(1)
                    .withDescription("Restarts attempted before the job fails.");

    public static final ConfigOption<Duration> FIXED_DELAY_DELAY =
            ConfigOption.of("restart-strategy.fixed-delay.delay", ConfigValues.duration())
                    .withDefault(Duration.ofSeconds(1))
                    .withDescription("Wait before each restart.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_INITIAL_BACKOFF =
            ConfigOption.of("restart-strategy.exponential-delay.initial-backoff", ConfigValues.duration())
                    .withDefault(Duration.ofSeconds(1))
                    .withDescription("Wait before the first restart.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_MAX_BACKOFF =
            ConfigOption.of("restart-strategy.exponential-delay.max-backoff", ConfigValues.duration())
                    .withDefault(Duration.ofMinutes(1))
                    .withDescription("Longest wait between restarts.");

    public static final ConfigOption<Double> EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER =
            ConfigOption.of("restart-strategy.exponential-delay.backoff-multiplier", ConfigValues.decimal(1.0, Double.MAX_VALUE))
                    .withDefault(2.0)
                    .withDescription("Factor applied to the wait after each restart.");

    public static final ConfigOption<Double> EXPONENTIAL_DELAY_JITTER_FACTOR =
            ConfigOption.of("restart-strategy.exponential-delay.jitter-factor", ConfigValues.decimal(0.0, 1.0))
                    .withDefault(0.1)
                    .withDescription("Random share added to or taken from each wait, so restarts do not synchronise.");

    public static final ConfigOption<Duration> EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD =
            ConfigOption.of("restart-strategy.exponential-delay.reset-backoff-threshold", ConfigValues.duration())
                    .withDefault(Duration.ofHours(1))
                    .withDescription("After this long without failure the wait goes back to the initial backoff.");

    public static final ConfigOption<Integer> EXPONENTIAL_DELAY_ATTEMPTS_BEFORE_RESET_BACKOFF =
            ConfigOption.of("restart-strategy.exponential-delay.attempts-before-reset-backoff",
                            ConfigValues.integer(0, Integer.MAX_VALUE))
                    .withDefault(Integer.MAX_VALUE)
                    .withDescription("Restarts attempted before the job fails, counted since the last reset.");

    public static final ConfigOption<Integer> FAILURE_RATE_MAX_FAILURES_PER_INTERVAL =
            ConfigOption.of("restart-strategy.failure-rate.max-failures-per-interval", ConfigValues.integer(0, Integer.MAX_VALUE))
                    .withDefault(1)
                    .withDescription("Failures tolerated within one failure-rate interval.");

    public static final ConfigOption<Duration> FAILURE_RATE_INTERVAL =
            ConfigOption.of("restart-strategy.failure-rate.failure-rate-interval", ConfigValues.duration())
                    .withDefault(Duration.ofMinutes(1))
                    .withDescription("Sliding window in which failures are counted.");

    public static final ConfigOption<Duration> FAILURE_RATE_DELAY =
            ConfigOption.of("restart-strategy.failure-rate.delay", ConfigValues.duration())
                    .withDefault(Duration.ofSeconds(1))
                    .withDescription("Wait before each restart.");

    /**
     * The restart strategy in force: the one set, else exponential-delay when checkpointing is on
     * ({@link CheckpointingOptions#INTERVAL} set), else none.
     */
    public static RestartStrategyType effectiveStrategy(Configuration config) {
        return config.getOptional(TYPE).orElseGet(() -> config.contains(CheckpointingOptions.INTERVAL)
                ? RestartStrategyType.EXPONENTIAL_DELAY
                : RestartStrategyType.NONE);
    }
}
