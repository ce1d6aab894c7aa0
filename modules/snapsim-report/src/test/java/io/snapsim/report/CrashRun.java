package io.snapsim.report;

import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.runtime.sim.SimulationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run most report tests look at, made once per test JVM in a folder of its own: running-sum
 * whose sum#0 crashes while it snapshots checkpoint 2 ({@link RunFolders#crashDuringCheckpoint}),
 * in EXACTLY_ONCE and in AT_LEAST_ONCE. Shared read-only; the folder is never changed after.
 */
final class CrashRun {
    private static final Runs RUNS = new Runs();

    private CrashRun() {
    }

    private static final class Runs {
        private SimulationResult aligned;
        private SimulationResult atLeastOnce;

        synchronized SimulationResult aligned() {
            if (aligned == null) {
                aligned = run("EXACTLY_ONCE");
            }
            return aligned;
        }

        synchronized SimulationResult atLeastOnce() {
            if (atLeastOnce == null) {
                atLeastOnce = run("AT_LEAST_ONCE");
            }
            return atLeastOnce;
        }

        private static SimulationResult run(String mode) {
            try {
                Path reports = Files.createTempDirectory("snapsim-report-" + mode.toLowerCase() + "-");
                return RunFolders.crashDuringCheckpoint(reports, mode);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The EXACTLY_ONCE run. */
    static SimulationResult aligned() {
        return RUNS.aligned();
    }

    /** The AT_LEAST_ONCE run. */
    static SimulationResult atLeastOnce() {
        return RUNS.atLeastOnce();
    }

    /** What a report of {@code run} is drawn from, read back from its folder. */
    static ReportInput input(SimulationResult run) {
        RunRecord record = RunRecord.read(run.runDir());
        return ReportInput.of(record, RunJudge.judge(record));
    }
}
