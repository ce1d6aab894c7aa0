package io.snapsim.core.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Restart strategies for {@link StreamExecutionEnvironment#setRestartStrategy}, as Flink names them. */
public final class RestartStrategies {
    private RestartStrategies() {
    }

    /** A restart strategy as the configuration keys it stands for. */
    public record RestartStrategyConfiguration(Map<String, String> keys) {
        public RestartStrategyConfiguration {
            keys = Map.copyOf(keys);
        }
    }

    public static RestartStrategyConfiguration noRestart() {
        return new RestartStrategyConfiguration(Map.of("restart-strategy.type", "none"));
    }

    public static RestartStrategyConfiguration fixedDelayRestart(int attempts, Duration delay) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("restart-strategy.type", "fixed-delay");
        keys.put("restart-strategy.fixed-delay.attempts", Integer.toString(attempts));
        keys.put("restart-strategy.fixed-delay.delay", delay.toMillis() + " ms");
        return new RestartStrategyConfiguration(keys);
    }

    public static RestartStrategyConfiguration exponentialDelayRestart(Duration initialBackoff, Duration maxBackoff,
                                                                       double multiplier, Duration resetThreshold,
                                                                       double jitterFactor) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("restart-strategy.type", "exponential-delay");
        keys.put("restart-strategy.exponential-delay.initial-backoff", initialBackoff.toMillis() + " ms");
        keys.put("restart-strategy.exponential-delay.max-backoff", maxBackoff.toMillis() + " ms");
        keys.put("restart-strategy.exponential-delay.backoff-multiplier", Double.toString(multiplier));
        keys.put("restart-strategy.exponential-delay.reset-backoff-threshold", resetThreshold.toMillis() + " ms");
        keys.put("restart-strategy.exponential-delay.jitter-factor", Double.toString(jitterFactor));
        return new RestartStrategyConfiguration(keys);
    }
}
