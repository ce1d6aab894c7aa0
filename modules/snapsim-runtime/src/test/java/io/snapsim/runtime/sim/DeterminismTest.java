package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deterministic execution: the same simulation and seed give a byte-identical history; another seed
 * explores another interleaving. For every built-in job, in both checkpointing modes, with a crash.
 */
class DeterminismTest {
    @TempDir
    Path temp;

    private byte[] history(String job, Map<String, Object> params, String mode, String crashOperator, long seed, String run)
            throws Exception {
        return history(job, params, mode, crashOperator, seed, run, Map.of());
    }

    private byte[] history(String job, Map<String, Object> params, String mode, String crashOperator, long seed, String run,
                           Map<String, String> backend) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(Map.of("execution.checkpointing.interval", "10 ms",
                "execution.checkpointing.mode", mode,
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.delay", "5 ms"));
        config.putAll(backend);
        SimulationSpec spec = new SimulationSpec(job + "-" + mode, "", temp.resolve(job + ".yaml"), job, params, 2, seed,
                ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                mode.equals("EXACTLY_ONCE") ? Expectation.EQUIVALENT : Expectation.DUPLICATES_ALLOWED,
                Configuration.fromMap(config, "test"),
                List.of(CrashFault.atCheckpoint(crashOperator, 1, 3)));
        SimulationResult result = new SimulationRunner(temp.resolve("reports-" + run), line -> { })
                .run(spec, spec.config(), "run-" + seed);
        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(result.run().restarts()).isEqualTo(1);
        return Files.readAllBytes(result.runDir().resolve("history.jsonl"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({
            "wordcount, counter, EXACTLY_ONCE", "wordcount, counter, AT_LEAST_ONCE",
            "running-sum, sum, EXACTLY_ONCE", "running-sum, sum, AT_LEAST_ONCE",
            "join, join, EXACTLY_ONCE", "join, join, AT_LEAST_ONCE"})
    void theSameSeedReplaysTheHistoryByteForByteAndAnotherSeedDiffers(String job, String operator, String mode)
            throws Exception {
        Map<String, Object> params = switch (job) {
            case "wordcount" -> Map.of("records", 100_000);
            case "running-sum" -> Map.of("records", 200_000);
            default -> Map.of("orders", 60_000);
        };
        byte[] first = history(job, params, mode, operator, 7, "a");
        byte[] again = history(job, params, mode, operator, 7, "b-in-a-folder-with-a-longer-name");
        byte[] other = history(job, params, mode, operator, 8, "c");

        assertThat(first.length).isGreaterThan(1000);
        assertThat(again).as("same seed, same history").isEqualTo(first);
        assertThat(other).as("another seed, another interleaving").isNotEqualTo(first);
    }

    @org.junit.jupiter.api.Test
    void rocksDBWithIncrementalCheckpointsReplaysTheHistoryByteForByteToo() throws Exception {
        Map<String, String> rocks = Map.of("state.backend.type", "rocksdb", "execution.checkpointing.incremental", "true");
        Map<String, Object> params = Map.of("records", 100_000, "keys", 2_000);
        byte[] first = history("running-sum", params, "EXACTLY_ONCE", "sum", 7, "rocks-a", rocks);
        byte[] again = history("running-sum", params, "EXACTLY_ONCE", "sum", 7, "rocks-b-in-a-longer-folder", rocks);

        assertThat(first.length).isGreaterThan(1000);
        assertThat(again).as("same seed, same history, although RocksDB compacts on threads of its own").isEqualTo(first);
    }
}
