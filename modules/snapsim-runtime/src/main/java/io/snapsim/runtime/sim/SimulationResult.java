package io.snapsim.runtime.sim;

import io.snapsim.core.job.JobResult;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Path;

/**
 * The outcome of one simulation run.
 *
 * @param verdict   the run judged against the failure-free reference run
 * @param run       the run's job result (null if it could not finish)
 * @param reference the failure-free reference run's result (null if it could not finish)
 * @param runDir    the folder with the run's output and summary
 */
public record SimulationResult(Verdict verdict, JobResult run, JobResult reference, Path runDir) {
}
