package io.snapsim.core.run;

import io.snapsim.core.job.JobStatus;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a run from what its folder holds: the committed output (its own, and that of the earlier
 * runs it resumed), the failure-free reference's output, the final keyed states, and the
 * histories' record of how each job ended and which planned faults fired. Stateless.
 */
public final class RunJudge {
    /** In a run folder while the verdict compares large outputs: its spill files. Removed afterwards. */
    public static final String VERDICT_SCRATCH = "verdict-scratch";

    private RunJudge() {
    }

    /** The verdict on the run {@code record} describes. */
    public static Verdict judge(RunRecord record) {
        return judgeOutput(record).unlessUnfired(record.faults().unfiredRequired());
    }

    private static Verdict judgeOutput(RunRecord record) {
        String expectation = record.inputs().expectation();
        JobRecord reference = record.reference();
        if (reference == null || reference.status() != JobStatus.FINISHED) {
            return Verdict.unknown(expectation, "the failure-free reference run did not finish: "
                    + (reference == null || !reference.ended() ? "timed out" : reference.failureMessage()));
        }
        JobRecord run = record.run();
        if (run == null || !run.ended()) {
            return Verdict.unknown(expectation, "the run did not end within " + record.inputs().timeoutSeconds() + " s"
                    + ("deterministic".equals(record.inputs().execution()) ? " of virtual time" : ""));
        }
        List<Path> missing = record.earlierOutputs().stream().filter(folder -> !Files.isDirectory(folder)).toList();
        if (!missing.isEmpty()) {
            return Verdict.unknown(expectation, "the run continues an earlier run whose output folder " + missing.get(0)
                    + " is gone: its committed output cannot be judged");
        }
        if (run.status() == JobStatus.FAILED && run.noIntactCheckpoint()) {
            return Verdict.judgeUnrecoverable(expectation, compare(record, Map.of(), Map.of()), run.failureMessage());
        }
        if (run.status() == JobStatus.CANCELED && record.inputs().endsByPlan()) {
            return Verdict.judgeCancelled(expectation, compare(record, Map.of(), Map.of()));
        }
        if (run.status() != JobStatus.FINISHED) {
            return Verdict.unknown(expectation, "the run " + run.status().name().toLowerCase() + ": "
                    + run.failureMessage());
        }
        return Verdict.judge(expectation, compare(record,
                FinalState.read(RunFolder.reference(record.runDir()).resolve(RunFolder.FINAL_STATE)),
                FinalState.read(record.runDir().resolve(RunFolder.FINAL_STATE))));
    }

    /**
     * The reference's output against everything this job committed, the earlier runs' first, then
     * its own; in bounded memory, spilling into {@value #VERDICT_SCRATCH} of the run folder when large.
     */
    private static OutputComparison compare(RunRecord record,
                                            Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                            Map<String, ? extends Map<String, ? extends Map<String, Object>>> runState) {
        List<Path> committed = new ArrayList<>(record.earlierOutputs());
        committed.add(record.output());
        return OutputComparison.compare(List.of(record.referenceOutput()), committed, referenceState, runState,
                record.runDir().resolve(VERDICT_SCRATCH));
    }
}
