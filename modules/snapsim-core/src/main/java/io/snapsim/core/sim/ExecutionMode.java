package io.snapsim.core.sim;

import java.util.Locale;

/** How a simulation runs; {@code execution:} in a simulation file. */
public enum ExecutionMode {
    /** Real actors on real threads: timings vary from run to run. */
    LIVE,
    /** One thread, a virtual clock and the seed decide every interleaving: a run can be replayed. */
    DETERMINISTIC;

    /** The spelling in simulation files, e.g. {@code deterministic}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
