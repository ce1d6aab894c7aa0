package io.snapsim.cli;

import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.history.RecordCounts;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.run.JobRecord;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.report.RunReport;
import io.snapsim.runtime.sim.SimulationResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Prints what a run's folder says about it: status, checkpoint counts, records, each planned fault
 * and whether it fired, the checkpoint table, what stays on disk, the comparison with the
 * failure-free run and the verdict. Stateless.
 */
final class SummaryPrinter {
    /** The most checkpoint rows printed; summary.json has them all. */
    private static final int MAX_ROWS = 20;

    private SummaryPrinter() {
    }

    /** @param resumeCommand the command that resumes the simulation from a retained checkpoint's folder */
    static void print(PrintWriter out, SimulationResult result, Function<Path, String> resumeCommand) {
        JobRecord run = result.run();
        out.println();
        if (run != null) {
            printRun(out, run, "deterministic".equals(result.record().inputs().execution()));
            RestoredSnapshot restored = result.record().inputs().restoredFrom();
            if (restored != null) {
                out.println("restored:    " + ResumeSummary.describe(restored, run.completedCheckpointIds()));
            }
            printFaults(out, result.faults());
            printCheckpointTable(out, run.checkpointHistory());
            printRetained(out, result.record(), resumeCommand);
        }
        printVerdict(out, result);
        Path page = result.runDir().resolve(RunReport.FILE);
        out.println("report:      " + (Files.exists(page) ? page : result.runDir().resolve(RunFolder.SUMMARY)));
    }

    /** @param virtualTime whether the job ran on virtual time (deterministic execution) */
    private static void printRun(PrintWriter out, JobRecord run, boolean virtualTime) {
        CheckpointCounts c = run.counts();
        RecordCounts records = run.records();
        out.printf("status:      %s after %d restart(s), %.2f s%s%n", run.ended() ? run.status() : "DID NOT END",
                run.restarts(), run.durationMillis() / 1000.0, virtualTime ? " of virtual time" : "");
        if (c != null) {
            out.printf("checkpoints: %d completed, %d failed, %d triggered, %d restored%n",
                    c.completed(), c.failed(), c.triggered(), c.restored());
        } else {
            out.println("checkpoints: off");
        }
        if (records.attempts() <= 1) {
            out.printf("records:     %s read by the sources, %s written by the sinks%n",
                    count(records.sourceRecords()), count(records.sinkRecords()));
        } else {
            out.printf("records:     %s read by the sources and %s written by the sinks over %d attempts (replays"
                            + " included); the last attempt read %s and wrote %s%n", count(records.sourceRecords()),
                    count(records.sinkRecords()), records.attempts(), count(records.finalSourceRecords()),
                    count(records.finalSinkRecords()));
        }
    }

    /** Each planned fault: as written, whether it fired (when, where), and what the job did about it. */
    static void printFaults(PrintWriter out, FaultReport report) {
        if (report.entries().isEmpty()) {
            return;
        }
        out.printf("faults:      %d planned, %d fired%n", report.entries().size(), report.firedCount());
        for (FaultReport.Entry entry : report.entries()) {
            out.printf("  [%d] %s%n", entry.index(), entry.description());
            out.println("      " + fate(report, entry));
        }
    }

    private static String fate(FaultReport report, FaultReport.Entry entry) {
        if (!entry.fired()) {
            return entry.fault().mustFire() ? "NOT FIRED: the run tested nothing about it"
                    : "not fired (" + ("drawn-at-random".equals(entry.fault().optional()) ? "drawn at random" : "optional")
                    + ")";
        }
        FaultReport.Firing f = entry.firing();
        StringBuilder text = new StringBuilder("fired at t=").append(f.time() - report.startTime()).append(" ms in ")
                .append(f.actor()).append(" (attempt ").append(f.attempt());
        if (f.checkpoint() >= 0) {
            text.append(", checkpoint ").append(f.checkpoint());
        }
        text.append(')');
        if (entry.firings() > 1) {
            text.append(", ").append(entry.firings()).append(" times");
        }
        if (entry.aftermath() != null) {
            text.append("; ").append(entry.aftermath());
        }
        return text.toString();
    }

    private static void printRetained(PrintWriter out, RunRecord record, Function<Path, String> resumeCommand) {
        Path retained = record.retainedMetadata();
        if (retained != null) {
            out.println("retained:    " + retained);
            out.println("resume with: " + resumeCommand.apply(retained.getParent()));
        } else if (record.run().counts() != null) {
            out.println("retained:    nothing (the retention policy deleted the checkpoints when the job ended)");
        }
    }

    private static void printVerdict(PrintWriter out, SimulationResult result) {
        Verdict v = result.verdict();
        OutputComparison cmp = v.comparison();
        if (cmp != null) {
            boolean partial = result.run() != null && result.run().status() != JobStatus.FINISHED;
            out.printf("output:      %s committed records, reference %s: %s %s, %s duplicate, %s unexpected; final state %s%n",
                    count(cmp.actualRecords()), count(cmp.referenceRecords()), count(cmp.missing()),
                    partial ? "not reached before the job ended" : "lost", count(cmp.duplicates()),
                    count(cmp.unexpected()), partial ? "not compared (the job did not finish)"
                            : cmp.stateEqual() ? "equal" : "different");
            for (String example : cmp.examples()) {
                if (!(partial && example.startsWith("missing"))) {
                    out.println("             " + example);
                }
            }
        }
        out.printf("verdict:     %s (expected %s): %s%n", v.outcome(), v.expectation(), v.reason());
    }

    /** Flink's checkpoint history, one row per checkpoint; per-subtask figures are the maxima over subtasks. */
    static void printCheckpointTable(PrintWriter out, List<CheckpointStats> history) {
        if (history.isEmpty()) {
            return;
        }
        // Flink's two sizes: what this checkpoint wrote (the delta when incremental) and all it needs to restore
        out.printf("%n  %4s  %-11s %-8s %9s %12s %10s %10s %11s %8s %8s  %s%n", "id", "status", "kind", "duration",
                "checkpointed", "full size", "acked", "alignment", "start", "sync", "async / failure");
        int from = Math.max(0, history.size() - MAX_ROWS);
        if (from > 0) {
            out.printf("  ... %d earlier checkpoints (all rows are in summary.json)%n", from);
        }
        for (CheckpointStats s : history.subList(from, history.size())) {
            printCheckpointRow(out, s);
        }
        out.println();
    }

    private static void printCheckpointRow(PrintWriter out, CheckpointStats s) {
        long align = 0;
        long start = 0;
        long sync = 0;
        long async = 0;
        for (var m : s.subtaskMetrics().values()) {
            align = Math.max(align, m.alignmentDurationMs());
            start = Math.max(start, m.startDelayMs());
            sync = Math.max(sync, m.syncDurationMs());
            async = Math.max(async, m.asyncDurationMs());
        }
        String tail = s.failureReason() == null ? async + " ms" : s.failureReason() + ": " + s.failureMessage();
        out.printf("  %4d  %-11s %-8s %7d ms %12s %10s %5d/%-4d %8d ms %5d ms %5d ms  %s%n", s.checkpointId(),
                s.status(), s.kind().name().toLowerCase(), s.endToEndDurationMs(), Display.bytes(s.checkpointedSize()),
                Display.bytes(s.stateSize()), s.numAcknowledged(), s.numTasks(), align, start, sync, tail);
    }

    /** A count as the verdict's reasons write it, so that the same number reads the same on every line. */
    static String count(long n) {
        return Long.toString(n);
    }
}
