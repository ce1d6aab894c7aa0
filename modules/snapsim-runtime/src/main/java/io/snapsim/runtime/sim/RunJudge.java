package io.snapsim.runtime.sim;

import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a run from what its folder holds: the committed output (its own, and that of the earlier
 * runs it resumed), the failure-free reference's output, the final keyed state, and the history's
 * record of what failed and which planned faults fired. Stateless.
 */
final class RunJudge {

    /** What the judge is given about one run. */
    /**
     * @param endsByPlan whether the plan ends the job on purpose (a cancel, or a stop-with-savepoint)
     */
    record Inputs(String expectation, Path runDir, List<Path> earlierOutputs, JobResult reference, JobResult run,
                  List<HistoryEvent> history, FaultReport faults, boolean endsByPlan, long timeoutSeconds) {
    }

    /** In a run folder while the verdict compares large outputs: its spill files. Removed afterwards. */
    static final String VERDICT_SCRATCH = "verdict-scratch";

    /** The event types the judge reads of the history (besides the fault report's). */
    static final java.util.Set<Class<? extends HistoryEvent>> EVENT_TYPES = java.util.Set.of(JobEvents.NoIntactCheckpoint.class);

    private RunJudge() {
    }

    static Verdict judge(Inputs in) {
        return judgeOutput(in).unlessUnfired(in.faults().unfiredRequired());
    }

    private static Verdict judgeOutput(Inputs in) {
        JobResult run = in.run();
        if (run == null) {
            return Verdict.unknown(in.expectation(), "the run did not end within " + in.timeoutSeconds() + " s");
        }
        List<Path> missing = in.earlierOutputs().stream().filter(folder -> !Files.isDirectory(folder)).toList();
        if (!missing.isEmpty()) {
            return Verdict.unknown(in.expectation(), "the run continues an earlier run whose output folder " + missing.get(0)
                    + " is gone: its committed output cannot be judged");
        }
        if (run.status() == JobStatus.FAILED && hasNoIntactCheckpoint(in.history())) {
            return Verdict.judgeUnrecoverable(in.expectation(), compare(in, Map.of(), Map.of()), run.failureMessage());
        }
        if (run.status() == JobStatus.CANCELED && in.endsByPlan()) {
            return Verdict.judgeCancelled(in.expectation(), compare(in, Map.of(), Map.of()));
        }
        if (run.status() != JobStatus.FINISHED) {
            return Verdict.unknown(in.expectation(), "the run " + run.status().name().toLowerCase() + ": "
                    + run.failureMessage());
        }
        return Verdict.judge(in.expectation(), compare(in, in.reference().finalKeyedState(), run.finalKeyedState()));
    }

    /**
     * The reference's output against everything this job committed, the earlier runs' first, then
     * its own; in bounded memory, spilling into {@value #VERDICT_SCRATCH} of the run folder when large.
     */
    private static OutputComparison compare(Inputs in,
                                            Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                            Map<String, ? extends Map<String, ? extends Map<String, Object>>> runState) {
        List<Path> committed = new ArrayList<>(in.earlierOutputs());
        committed.add(in.runDir().resolve("output"));
        return OutputComparison.compare(List.of(in.runDir().resolve("reference").resolve("output")), committed,
                referenceState, runState, in.runDir().resolve(VERDICT_SCRATCH));
    }

    private static boolean hasNoIntactCheckpoint(List<HistoryEvent> history) {
        return history.stream().anyMatch(JobEvents.NoIntactCheckpoint.class::isInstance);
    }
}
