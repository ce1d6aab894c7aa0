package io.snapsim.core.checkpoint;

/**
 * The checkpoint coordinator's settings, each one a Flink configuration key. All durations are
 * milliseconds of the job's clock.
 *
 * <p>Invariants, checked on construction: {@code intervalMs > 0}, {@code timeoutMs > 0},
 * {@code minPauseMs >= 0}, {@code maxConcurrentCheckpoints >= 1},
 * {@code tolerableFailedCheckpoints >= 0}, {@code numRetained >= 1}. A violation throws
 * {@link IllegalArgumentException} whose message names the Flink key and the bad value.
 * Immutable; safe to share between threads.
 *
 * @param intervalMs                 {@code execution.checkpointing.interval}: period between periodic triggers
 * @param timeoutMs                  {@code execution.checkpointing.timeout}: a pending checkpoint this old expires
 * @param minPauseMs                 {@code execution.checkpointing.min-pause}: least time between the last
 *                                   completion and the next periodic trigger
 * @param maxConcurrentCheckpoints   {@code execution.checkpointing.max-concurrent-checkpoints}
 * @param tolerableFailedCheckpoints {@code execution.checkpointing.tolerable-failed-checkpoints}: consecutive
 *                                   counted failures tolerated before the job must fail over
 * @param numRetained                {@code execution.checkpointing.num-retained}: completed checkpoints kept
 */
public record CheckpointCoordinatorConfig(
        long intervalMs,
        long timeoutMs,
        long minPauseMs,
        int maxConcurrentCheckpoints,
        int tolerableFailedCheckpoints,
        int numRetained) {

    public static final String INTERVAL_KEY = "execution.checkpointing.interval";
    public static final String TIMEOUT_KEY = "execution.checkpointing.timeout";
    public static final String MIN_PAUSE_KEY = "execution.checkpointing.min-pause";
    public static final String MAX_CONCURRENT_KEY = "execution.checkpointing.max-concurrent-checkpoints";
    public static final String TOLERABLE_FAILURES_KEY = "execution.checkpointing.tolerable-failed-checkpoints";
    public static final String NUM_RETAINED_KEY = "execution.checkpointing.num-retained";

    /** Flink's default timeout: 10 minutes. */
    public static final long DEFAULT_TIMEOUT_MS = 10 * 60 * 1000L;

    public CheckpointCoordinatorConfig {
        requireAtLeast(INTERVAL_KEY, intervalMs, 1, "> 0");
        requireAtLeast(TIMEOUT_KEY, timeoutMs, 1, "> 0");
        requireAtLeast(MIN_PAUSE_KEY, minPauseMs, 0, ">= 0");
        requireAtLeast(MAX_CONCURRENT_KEY, maxConcurrentCheckpoints, 1, ">= 1");
        requireAtLeast(TOLERABLE_FAILURES_KEY, tolerableFailedCheckpoints, 0, ">= 0");
        requireAtLeast(NUM_RETAINED_KEY, numRetained, 1, ">= 1");
    }

    /**
     * The given interval with Flink's defaults for everything else: timeout 10 minutes, no min
     * pause, one concurrent checkpoint, no tolerated failure, one retained checkpoint.
     */
    public static CheckpointCoordinatorConfig withDefaults(long intervalMs) {
        return new CheckpointCoordinatorConfig(intervalMs, DEFAULT_TIMEOUT_MS, 0, 1, 0, 1);
    }

    private static void requireAtLeast(String key, long value, long least, String bound) {
        if (value < least) {
            throw new IllegalArgumentException(key + " must be " + bound + ", was " + value);
        }
    }
}
