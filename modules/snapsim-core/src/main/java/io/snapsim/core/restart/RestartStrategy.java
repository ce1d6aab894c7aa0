package io.snapsim.core.restart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Decides whether and when a failed job restarts, as Flink's restart back-off strategies. Each
 * failure is reported with the job's current time; the answer is the delay before redeploying, or
 * empty when recovery is suppressed. Confined to the job master.
 */
public sealed interface RestartStrategy permits RestartStrategy.NoRestart, RestartStrategy.FixedDelay,
        RestartStrategy.ExponentialDelay, RestartStrategy.FailureRate {

    /** Records a failure at {@code now}; returns the restart delay, or empty when no restart is allowed. */
    OptionalLong onFailure(long now);

    /** A description in Flink's words, used in the "recovery is suppressed" message. */
    String describe();

    /** Never restarts. */
    final class NoRestart implements RestartStrategy {
        @Override
        public OptionalLong onFailure(long now) {
            return OptionalLong.empty();
        }

        @Override
        public String describe() {
            return "NoRestartBackoffTimeStrategy";
        }
    }

    /** Restarts up to {@code attempts} times, each after {@code delayMs}. */
    final class FixedDelay implements RestartStrategy {
        private final int attempts;
        private final long delayMs;
        private int used;

        public FixedDelay(int attempts, long delayMs) {
            if (attempts < 0 || delayMs < 0) {
                throw new IllegalArgumentException("fixed-delay needs attempts >= 0 and delay >= 0");
            }
            this.attempts = attempts;
            this.delayMs = delayMs;
        }

        @Override
        public OptionalLong onFailure(long now) {
            if (used >= attempts) {
                return OptionalLong.empty();
            }
            used++;
            return OptionalLong.of(delayMs);
        }

        @Override
        public String describe() {
            return "FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=" + attempts
                    + ", backoffTimeMS=" + delayMs + ")";
        }
    }

    /**
     * Delays grow by {@code multiplier} from {@code initialMs} up to {@code maxMs}, with a seeded
     * jitter; after {@code resetThresholdMs} without failure the delay starts again from the initial.
     */
    final class ExponentialDelay implements RestartStrategy {
        private final long initialMs;
        private final long maxMs;
        private final double multiplier;
        private final double jitter;
        private final long resetThresholdMs;
        private final int attemptsBeforeReset;
        private final RandomGenerator random;
        private long current;
        private long lastFailure = Long.MIN_VALUE;
        private int attemptsSinceReset;

        public ExponentialDelay(long initialMs, long maxMs, double multiplier, double jitter,
                                long resetThresholdMs, int attemptsBeforeReset, RandomGenerator random) {
            if (initialMs < 0 || maxMs < initialMs || multiplier < 1 || jitter < 0 || jitter > 1) {
                throw new IllegalArgumentException("exponential-delay needs 0 <= initial <= max, multiplier >= 1, jitter in [0,1]");
            }
            this.initialMs = initialMs;
            this.maxMs = maxMs;
            this.multiplier = multiplier;
            this.jitter = jitter;
            this.resetThresholdMs = resetThresholdMs;
            this.attemptsBeforeReset = attemptsBeforeReset;
            this.random = random;
            this.current = initialMs;
        }

        @Override
        public OptionalLong onFailure(long now) {
            if (lastFailure != Long.MIN_VALUE && now - lastFailure >= resetThresholdMs) {
                current = initialMs;
                attemptsSinceReset = 0;
            } else if (lastFailure != Long.MIN_VALUE) {
                current = Math.min(maxMs, (long) Math.ceil(current * multiplier));
            }
            lastFailure = now;
            if (attemptsSinceReset >= attemptsBeforeReset) {
                return OptionalLong.empty();
            }
            attemptsSinceReset++;
            long spread = (long) (current * jitter);
            long delay = spread == 0 ? current : current - spread + random.nextLong(2 * spread + 1);
            return OptionalLong.of(Math.max(0, Math.min(maxMs, delay)));
        }

        @Override
        public String describe() {
            return "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=" + initialMs + ", maxBackoffMS="
                    + maxMs + ", backoffMultiplier=" + multiplier + ", resetBackoffThresholdMS=" + resetThresholdMs
                    + ", jitterFactor=" + jitter + ", attemptsBeforeResetBackoff=" + attemptsBeforeReset + ")";
        }
    }

    /** Restarts after {@code delayMs} unless more than {@code maxFailures} failures fell within {@code intervalMs}. */
    final class FailureRate implements RestartStrategy {
        private final int maxFailures;
        private final long intervalMs;
        private final long delayMs;
        private final Deque<Long> failures = new ArrayDeque<>();

        public FailureRate(int maxFailures, long intervalMs, long delayMs) {
            this.maxFailures = maxFailures;
            this.intervalMs = intervalMs;
            this.delayMs = delayMs;
        }

        @Override
        public OptionalLong onFailure(long now) {
            failures.addLast(now);
            while (!failures.isEmpty() && failures.peekFirst() <= now - intervalMs) {
                failures.removeFirst();
            }
            return failures.size() > maxFailures ? OptionalLong.empty() : OptionalLong.of(delayMs);
        }

        @Override
        public String describe() {
            return "FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=" + intervalMs + ", backoffTimeMS="
                    + delayMs + ", maxFailuresPerInterval=" + maxFailures + ")";
        }
    }
}
