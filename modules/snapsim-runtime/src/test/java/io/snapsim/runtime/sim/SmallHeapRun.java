package io.snapsim.runtime.sim;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A failure-free running-sum simulation in a JVM of its own, for {@link LargeOutputVerdictTest}:
 * {@code SmallHeapRun REPORTS RECORDS} runs it (deterministic, transactional sink) and exits with
 * the verdict's exit code.
 */
public final class SmallHeapRun {
    private SmallHeapRun() {
    }

    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args[0]);
        long records = Long.parseLong(args[1]);
        Configuration config = Configuration.fromMap(Map.of("execution.checkpointing.interval", "1 s"), "test");
        SimulationSpec spec = new SimulationSpec("small-heap", "", reports.resolve("small-heap.yaml"), "running-sum",
                Map.of("records", records, "keys", 1000), 2, 1, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, config, List.of());
        SimulationResult result = new SimulationRunner(reports, line -> { }).run(spec, config, "run");
        System.out.println(result.verdict());
        System.exit(result.verdict().outcome().exitCode());
    }
}
