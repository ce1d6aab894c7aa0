package io.snapsim.runtime.sim;

import io.snapsim.core.history.RecordCounts;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one simulation run, as its folder records it.
 *
 * @param verdict        the run judged against the failure-free reference run
 * @param run            the run's job result (null if it could not finish)
 * @param reference      the failure-free reference run's result (null if it could not finish)
 * @param runDir         the folder with the run's output, history and summary
 * @param faults         whether each planned fault fired, when, where, and what the job did about it
 * @param records        records read and written over all attempts, from the history
 * @param earlierOutputs output folders of the earlier runs this run continues (after {@code run -s}), oldest first
 */
public record SimulationResult(Verdict verdict, JobResult run, JobResult reference, Path runDir, FaultReport faults,
                               RecordCounts records, List<Path> earlierOutputs) {

    public SimulationResult {
        earlierOutputs = List.copyOf(earlierOutputs);
    }
}
