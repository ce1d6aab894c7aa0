package io.snapsim.core.job;

import io.snapsim.core.graph.JobGraph;

/**
 * Runs a job graph to its end. The runtime module provides the implementation through
 * {@link java.util.ServiceLoader}, so that {@code StreamExecutionEnvironment.execute()} in core
 * works whenever the runtime is on the class path.
 */
public interface JobExecutor {
    JobResult execute(JobGraph graph) throws Exception;
}
