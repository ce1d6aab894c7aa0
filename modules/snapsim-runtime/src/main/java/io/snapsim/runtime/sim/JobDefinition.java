package io.snapsim.runtime.sim;

import io.snapsim.core.api.SinkDescriptor;
import io.snapsim.core.api.StreamExecutionEnvironment;

/**
 * A simulation's job, written with the Java API. A simulation builds it twice, once for the
 * failure-free reference and once for the run with faults, each time with its own sink: the job
 * must end in {@code sink} ({@code stream.sinkTo(sink)}), so that the two executions commit into
 * their own output folders and can be compared. Give every operator a faults can name a fixed
 * {@code uid(...)}.
 */
@FunctionalInterface
public interface JobDefinition {

    /**
     * Builds the job into {@code env}.
     *
     * @param env  a fresh environment, its parallelism already set to the simulation's
     * @param sink where the job's output goes in this execution
     */
    void define(StreamExecutionEnvironment env, SinkDescriptor sink);
}
