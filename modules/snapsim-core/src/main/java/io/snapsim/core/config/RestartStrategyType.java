package io.snapsim.core.config;

import java.util.List;

/**
 * How a failed job restarts; value of {@code restart-strategy.type}. When the key is not set,
 * {@link RestartOptions#effectiveStrategy(Configuration)} picks the default.
 */
public enum RestartStrategyType implements ConfigEnum {
    /** A failure fails the job. */
    NONE("none", "off", "disable"),
    /** Restart up to a number of attempts, waiting a fixed delay before each. */
    FIXED_DELAY("fixed-delay", "fixeddelay"),
    /** Restart without limit, the delay growing exponentially and resetting after a quiet period. */
    EXPONENTIAL_DELAY("exponential-delay", "exponentialdelay"),
    /** Restart unless too many failures fall inside a sliding interval. */
    FAILURE_RATE("failure-rate", "failurerate");

    private final List<String> spellings;

    RestartStrategyType(String... spellings) {
        this.spellings = List.of(spellings);
    }

    @Override
    public List<String> spellings() {
        return spellings;
    }
}
