package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a finished simulation leaves in its output folders: committed part files only, in the run's
 * and in the reference run's folder, with or without a crash and restore in between.
 */
class FinishedRunOutputTest {
    @TempDir
    Path temp;

    private SimulationResult run(ExecutionMode execution, List<FaultSpec> faults) throws Exception {
        Configuration config = Configuration.fromMap(Map.of("execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay", "restart-strategy.fixed-delay.delay", "5 ms"), "test");
        SimulationSpec spec = new SimulationSpec("finished-output", "", temp.resolve("finished-output.yaml"), "wordcount",
                Map.of("records", 100_000), 2, 11, execution, SinkKind.TRANSACTIONAL, Expectation.EQUIVALENT, config,
                faults);
        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, config, "run");
        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isEqualTo(Outcome.VALID);
        return result;
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aFinishedRunLeavesOnlyCommittedFilesInBothOutputFolders(ExecutionMode execution) throws Exception {
        SimulationResult result = run(execution, List.of());

        assertThat(files(result.runDir().resolve("output"))).isNotEmpty().allMatch(n -> n.matches("part-\\d+-\\d+-\\d+\\.txt"));
        assertThat(files(result.runDir().resolve("reference").resolve("output")))
                .isNotEmpty().allMatch(n -> n.matches("part-\\d+-\\d+-\\d+\\.txt"));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aRunThatRestoredAfterACrashLeavesOnlyCommittedFilesToo(ExecutionMode execution) throws Exception {
        SimulationResult result = run(execution, List.of(CrashFault.atRecord("counter", 1, 30_000)));

        assertThat(result.run().restarts()).isEqualTo(1);
        assertThat(files(result.runDir().resolve("output"))).isNotEmpty().allMatch(n -> n.matches("part-\\d+-\\d+-\\d+\\.txt"));
    }
}
