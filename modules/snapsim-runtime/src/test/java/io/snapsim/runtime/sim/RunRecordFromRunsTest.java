package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.CheckpointHistory;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history is complete enough to redraw a run's checkpoint statistics: the rows and counts
 * {@link CheckpointHistory} draws from {@code history.jsonl} are the coordinator's own, for runs with
 * crashes, declined and slow writes, savepoints, a cancel and RocksDB's incremental checkpoints.
 * (Latest acknowledgements of failed checkpoints are when the task sent them; the coordinator
 * counts when it received them.)
 */
class CheckpointHistoryFromRunsTest {
    @TempDir
    Path temp;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("crash-during-checkpoint", Map.of(), List.of(CrashFault.atCheckpoint("sum", 0, 3))),
                Arguments.of("declined-and-slow-writes", Map.of("execution.checkpointing.tolerable-failed-checkpoints", "5",
                        "execution.checkpointing.timeout", "40 ms"), List.of(
                        new Faults.StorageFault(Faults.StorageKind.FAIL_WRITE, 2, "sum", null),
                        new Faults.StorageFault(Faults.StorageKind.SLOW_WRITE, 4, "sum", 100L))),
                Arguments.of("savepoint-then-cancel", Map.of(), List.of(new Faults.Savepoint(2L, null, false),
                        new Faults.Cancel(4L, null))),
                Arguments.of("rocksdb-incremental", Map.of("state.backend.type", "rocksdb",
                        "execution.checkpointing.incremental", "true"), List.of(CrashFault.atRecord("sum", 1, 40_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theHistoryTellsTheCoordinatorsCheckpointStatistics(String name, Map<String, String> extra,
                                                             List<FaultSpec> faults) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Map.of("execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay", "restart-strategy.fixed-delay.delay", "5 ms"));
        keys.putAll(extra);
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", 150_000, "keys", 300), 2, 5, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, Configuration.fromMap(keys, name), faults);
        SimulationResult r = new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(), "run");

        CheckpointHistory fromHistory = CheckpointHistory.of(HistoryReader.read(r.runDir().resolve("history.jsonl"),
                CheckpointHistory.EVENT_TYPES));

        List<CheckpointStats> live = r.run().checkpointHistory();
        assertThat(live).as("the run took checkpoints").hasSizeGreaterThan(3);
        assertThat(fromHistory.rows()).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            assertThat(comparable(fromHistory.rows().get(i))).as("checkpoint %d", live.get(i).checkpointId())
                    .isEqualTo(comparable(live.get(i)));
        }
        assertThat(fromHistory.counts()).isEqualTo(r.run().counts());
    }

    /** A row with the latest acknowledgement of a failed checkpoint left out (see the class comment). */
    private static CheckpointStats comparable(CheckpointStats s) {
        boolean failed = s.status() == CheckpointStatus.FAILED;
        return new CheckpointStats(s.checkpointId(), s.kind(), s.status(), s.triggerTimestamp(),
                failed ? -1 : s.latestAckTimestamp(), failed ? -1 : s.endToEndDurationMs(), s.stateSize(),
                s.checkpointedSize(), s.numAcknowledged(), s.numTasks(), s.failureReason(), s.failureMessage(),
                s.subtaskMetrics());
    }
}
