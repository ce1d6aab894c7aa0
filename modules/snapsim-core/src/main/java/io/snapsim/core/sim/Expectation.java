package io.snapsim.core.sim;

import java.util.Locale;

/**
 * What the checker must find when it compares the run's output with a failure-free run;
 * {@code expect:} in a simulation file.
 */
public enum Expectation {
    /** Same output, no loss and no duplicate. */
    EQUIVALENT,
    /** No loss, but records may appear more than once (at-least-once or a plain sink). */
    DUPLICATES_ALLOWED,
    /** The output must differ: the simulation demonstrates a broken set-up. */
    DIVERGENCE;

    /** The spelling in simulation files, e.g. {@code duplicates-allowed}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
