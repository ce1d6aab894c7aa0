package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.run.FinalState;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in jobs with keyed state in RocksDB ({@code state.backend.type: rocksdb}), crashed while
 * snapshotting, in both execution modes: the result must equal the failure-free run (whose state
 * lives in RocksDB too).
 */
class RocksDBBackendEndToEndTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({"wordcount, counter, DETERMINISTIC", "running-sum, sum, DETERMINISTIC", "join, join, DETERMINISTIC",
            "running-sum, sum, LIVE"})
    void recoversWithStateInRocksDB(String job, String operator, ExecutionMode execution) throws Exception {
        Map<String, Object> params = switch (job) {
            case "wordcount" -> Map.of("records", 40_000);
            case "running-sum" -> Map.of("records", 60_000, "keys", 300);
            default -> Map.of("orders", 15_000);
        };
        SimulationSpec spec = new SimulationSpec(job + "-rocksdb", "", temp.resolve(job + ".yaml"), job, params, 2, 5,
                execution, SinkKind.TRANSACTIONAL, Expectation.EQUIVALENT,
                Configuration.fromMap(Map.of("state.backend.type", "rocksdb",
                        "execution.checkpointing.interval", "5 ms",
                        "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.delay", "5 ms"), "test"),
                List.of(CrashFault.atCheckpoint(operator, 1, 2)));

        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(), "run");

        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(result.run().restarts()).isEqualTo(1);
        assertThat(result.run().counts().restored()).isEqualTo(1);
        assertThat(FinalState.read(result.runDir().resolve(RunFolder.FINAL_STATE))).isNotEmpty();
    }
}
