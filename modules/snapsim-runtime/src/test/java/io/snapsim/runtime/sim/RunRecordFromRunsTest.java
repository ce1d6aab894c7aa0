package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.CheckpointHistory;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.run.FinalState;
import io.snapsim.core.run.JobRecord;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run folder is complete enough to stand for the run: what {@link RunRecord} draws from it
 * (how the job ended, its restarts, records and retained checkpoint, and the checkpoint rows and
 * counts {@link io.snapsim.core.history.CheckpointHistory} draws from {@code history.jsonl}) equals
 * what the actors reported, for runs with crashes, declined and slow writes, savepoints, a cancel
 * and RocksDB's incremental checkpoints. (Latest acknowledgements of failed checkpoints are when the
 * task sent them; the coordinator counts when it received them.)
 */
class RunRecordFromRunsTest {
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
    void theFolderTellsWhatTheActorsReported(String name, Map<String, String> extra,
                                                             List<FaultSpec> faults) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Map.of("execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay", "restart-strategy.fixed-delay.delay", "5 ms"));
        keys.putAll(extra);
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", 150_000, "keys", 300), 2, 5, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, Configuration.fromMap(keys, name), faults);
        List<JobResult> reported = new ArrayList<>();
        SimulationResult r = new SimulationRunner(temp.resolve("reports"), line -> { })
                .observingLiveResults(reported::add).run(spec, spec.config(), "run");
        JobResult actors = reported.get(0);
        JobRecord folder = RunRecord.read(r.runDir()).run();

        List<CheckpointStats> live = actors.checkpointHistory();
        assertThat(live).as("the run took checkpoints").hasSizeGreaterThan(3);
        assertThat(folder.checkpointHistory()).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            assertThat(comparable(folder.checkpointHistory().get(i))).as("checkpoint %d", live.get(i).checkpointId())
                    .isEqualTo(comparable(live.get(i)));
        }
        assertThat(folder.counts()).isEqualTo(actors.counts());
        assertThat(folder.status()).isEqualTo(actors.status());
        assertThat(folder.failureMessage()).isEqualTo(actors.failureMessage());
        assertThat(folder.restarts()).isEqualTo(actors.restarts());
        assertThat(folder.records().finalSourceRecords()).isEqualTo(actors.recordsIn());
        assertThat(folder.records().finalSinkRecords()).isEqualTo(actors.recordsOut());
        assertThat(RunRecord.read(r.runDir()).retainedMetadata())
                .isEqualTo(actors.latestCheckpoint() == null ? null : Path.of(actors.latestCheckpoint()));
        Path finalState = r.runDir().resolve(RunFolder.FINAL_STATE);
        if (actors.status() == JobStatus.FINISHED) {
            assertThat(FinalState.read(finalState).toString()).isEqualTo(textOf(actors.finalKeyedState()).toString());
        } else {
            assertThat(finalState).as("only a finished job leaves a final state").doesNotExist();
        }
    }

    /** The final state with every value as its text, as the folder keeps it. */
    private static Map<String, Map<String, Map<String, String>>> textOf(
            Map<String, ? extends Map<String, ? extends Map<String, Object>>> state) {
        Map<String, Map<String, Map<String, String>>> text = new TreeMap<>();
        state.forEach((op, states) -> states.forEach((name, values) -> values.forEach((key, value) ->
                text.computeIfAbsent(op, o -> new TreeMap<>()).computeIfAbsent(name, n -> new TreeMap<>())
                        .put(key, String.valueOf(value)))));
        return text;
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
