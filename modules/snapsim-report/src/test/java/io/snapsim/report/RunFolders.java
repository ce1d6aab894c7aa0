package io.snapsim.report;

import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.runtime.sim.Simulation;
import io.snapsim.runtime.sim.SimulationResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real run folders for the report's tests, made by running small deterministic simulations of a
 * built-in job, and their pages rendered from the folder alone.
 */
final class RunFolders {
    private RunFolders() {
    }

    /**
     * running-sum at parallelism 2 whose sum#0 crashes while it snapshots checkpoint 2: checkpoint 1
     * completes, 2 fails, the job restores 1 in attempt 1 and completes the rest.
     */
    static SimulationResult crashDuringCheckpoint(Path reports, String mode) throws InterruptedException {
        return Simulation.of("running-sum-crash", (env, sink) -> BuiltInJobs.build("running-sum",
                        Map.of("records", 60_000, "keys", 200), env, 3, sink))
                .parallelism(2)
                .seed(3)
                .config("execution.checkpointing.interval", "10 ms")
                .config("execution.checkpointing.mode", mode)
                .config("restart-strategy.type", "fixed-delay")
                .config("restart-strategy.fixed-delay.attempts", "3")
                .config("restart-strategy.fixed-delay.delay", "10 ms")
                .fault(CrashFault.atCheckpoint("sum", 0, 2))
                .reportsIn(reports)
                .run();
    }

    /** Renders the report of the run in {@code runDir} from its folder; returns the page's path. */
    static Path render(Path runDir) {
        RunRecord record = RunRecord.read(runDir);
        return RunReport.write(record, RunJudge.judge(record));
    }
}
