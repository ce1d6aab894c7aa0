package io.snapsim.core.sim;

import java.util.Set;

/**
 * The built-in jobs a simulation may name, as far as the parser needs to know them. Implemented by
 * whoever owns the jobs (the runtime); must be safe to call from the parsing thread.
 */
public interface JobCatalog {

    /** Every job name a simulation's {@code job:} may give. */
    Set<String> jobNames();

    /** The parameters a job accepts under {@code parameters:}; only called with a name from {@link #jobNames()}. */
    Set<String> parameterNames(String job);
}
