package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.OptionalFault;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.Outcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planned fault that never fires must not pass: every run reports, from its history, whether
 * each planned fault fired, when, where and what the job did about it; a run whose required fault
 * never fired is NOT_FIRED (exit code 3), whatever its output. Runs the running sum deterministically.
 */
class FaultFiringTest {
    @TempDir
    Path temp;

    private SimulationResult run(String name, Map<String, String> extra, FaultSpec... faults) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Map.of(
                "execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "5",
                "restart-strategy.fixed-delay.delay", "5 ms"));
        keys.putAll(extra);
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", 200_000, "keys", 200), 2, 11, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, Configuration.fromMap(keys, name), List.of(faults));
        return new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(), "run");
    }

    private static JsonNode summaryFaults(SimulationResult r) throws Exception {
        return new ObjectMapper().readTree(r.runDir().resolve("summary.json").toFile()).get("faults");
    }

    @Nested
    class ARequiredFaultThatNeverFires {

        @Test
        void makesAnOtherwiseEqualRunNotFiredWithItsOwnExitCode() throws Exception {
            SimulationResult r = run("beyond-the-end", Map.of(), CrashFault.atRecord("sum", 1, 10_000_000));

            assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.NOT_FIRED);
            assertThat(r.verdict().outcome().exitCode()).isEqualTo(3);
            assertThat(r.verdict().comparison().outputEqual()).isTrue();
            assertThat(r.verdict().reason()).startsWith("planned fault 0 (crash: {operator: sum, subtask: 1,"
                    + " at-record: 10000000}) never fired");
            assertThat(r.faults().entries().get(0).fired()).isFalse();
        }

        @Test
        void passesWhenMarkedOptionalOrDrawnAtRandom() throws Exception {
            SimulationResult r = run("optional", Map.of(), OptionalFault.marked(CrashFault.atRecord("sum", 1, 10_000_000)),
                    OptionalFault.drawn(new Faults.CrashCoordinator(500, Faults.CoordinatorPhase.BEFORE_NOTIFY)));

            assertThat(r.verdict().outcome()).as("%s %s", r.verdict().reason(), r.faults()).isEqualTo(Outcome.VALID);
            JsonNode faults = summaryFaults(r);
            assertThat(faults.get(0).get("optional").asText()).isEqualTo("marked-optional");
            assertThat(faults.get(1).get("optional").asText()).isEqualTo("drawn-at-random");
            assertThat(faults.get(0).get("fired").asBoolean()).isFalse();
        }

        @Test
        void includesAPlannedCancelThatNeverHappened() throws Exception {
            SimulationResult r = run("cancel-too-late", Map.of(), new Faults.Cancel(10_000L, null));

            assertThat(r.run().status().name()).isEqualTo("FINISHED");
            assertThat(r.verdict().outcome()).isEqualTo(Outcome.NOT_FIRED);
        }
    }

    @Test
    void everyFiredFaultIsReportedWithItsTimePlaceAndAftermathAsTypedSummaryFields() throws Exception {
        SimulationResult r = run("fired", Map.of(), CrashFault.atCheckpoint("sum", 0, 3),
                new Faults.CrashCoordinator(6, Faults.CoordinatorPhase.BEFORE_NOTIFY));

        assertThat(r.verdict().outcome()).as("%s %s", r.verdict().reason(), r.faults()).isEqualTo(Outcome.VALID);
        FaultReport.Entry crash = r.faults().entries().get(0);
        assertThat(crash.firing().actor()).isEqualTo("sum->sink#0");
        assertThat(crash.firing().checkpoint()).isEqualTo(3);
        assertThat(crash.aftermath()).isEqualTo("restored checkpoint 2 in attempt 1");
        assertThat(r.faults().entries().get(1).firing().actor()).isEqualTo("coordinator");

        JsonNode json = summaryFaults(r).get(0);
        assertThat(json.get("type").asText()).isEqualTo("crash");
        assertThat(json.get("fields").get("operator").asText()).isEqualTo("sum");
        assertThat(json.get("fields").get("at-checkpoint").asLong()).isEqualTo(3);
        assertThat(json.get("mustFire").asBoolean()).isTrue();
        assertThat(json.get("fired").asBoolean()).isTrue();
        assertThat(json.get("firing").get("checkpoint").asLong()).isEqualTo(3);
        assertThat(json.get("firing").get("time").isIntegralNumber()).isTrue();
        assertThat(json.get("aftermath").asText()).isEqualTo("restored checkpoint 2 in attempt 1");
    }

    @Test
    void aCrashBeforeAnyCheckpointCompletedSaysTheJobRestartedFresh() throws Exception {
        SimulationResult r = run("fresh", Map.of(), CrashFault.atRecord("sum", 0, 5));

        assertThat(r.verdict().outcome()).isEqualTo(Outcome.VALID);
        assertThat(r.faults().entries().get(0).aftermath()).isEqualTo("restarted fresh: no completed checkpoint yet");
    }

    @Test
    void aNetworkDelayInEffectCountsAsFired() throws Exception {
        SimulationResult r = run("delay", Map.of(), new Faults.NetworkFault(Faults.NetworkKind.DELAY, "source", "sum", 5, 3L));

        assertThat(r.verdict().outcome()).as("%s %s", r.verdict().reason(), r.faults()).isEqualTo(Outcome.VALID);
        assertThat(r.faults().entries().get(0).firing().detail()).startsWith("network delay in effect on the channel from source#");
    }

    @Test
    void failedAndSlowWritesAreReportedAsFired() throws Exception {
        SimulationResult r = run("writes", Map.of("execution.checkpointing.tolerable-failed-checkpoints", "5"),
                new Faults.StorageFault(Faults.StorageKind.FAIL_WRITE, 2, "sum", 1, null),
                new Faults.StorageFault(Faults.StorageKind.SLOW_WRITE, 4, null, 2L));

        assertThat(r.verdict().outcome()).as("%s %s", r.verdict().reason(), r.faults()).isEqualTo(Outcome.VALID);
        assertThat(r.faults().entries().get(0).firing().actor()).isEqualTo("sum->sink#1");
        assertThat(r.faults().entries().get(0).firings()).isEqualTo(1);
        assertThat(r.faults().entries().get(1).firings()).as("every subtask's write is slow").isEqualTo(4);
    }

    @Test
    void aDamageFaultHitsTheStateFileOfTheSubtaskItNames() throws Exception {
        SimulationResult r = run("damage-sum-1", Map.of("execution.checkpointing.num-retained", "2",
                        "execution.checkpointing.data-inline-threshold", "1 b"),
                new Faults.StorageFault(Faults.StorageKind.CORRUPT_DATA, 3, "sum", 1, null));

        assertThat(r.verdict().outcome()).as("%s %s", r.verdict().reason(), r.faults()).isEqualTo(Outcome.VALID);
        assertThat(r.faults().entries().get(0).firing().detail()).startsWith("corrupted state file sum-1-");
        assertThat(r.faults().entries().get(0).aftermath()).isEqualTo("restored checkpoint 2 in attempt 1");
    }

    @Test
    void recordsAreCountedOverEveryAttemptFromTheHistory() throws Exception {
        SimulationResult r = run("records", Map.of(), CrashFault.atCheckpoint("sum", 0, 3));

        assertThat(r.records().attempts()).isEqualTo(2);
        assertThat(r.records().sourceRecords()).as("the replay is read twice").isGreaterThan(200_000);
        assertThat(r.records().finalSinkRecords()).isLessThan(200_000);
        assertThat(HistoryReader.read(r.runDir().resolve("history.jsonl"), Set.of(TaskEvents.Lifecycle.class)))
                .map(e -> ((TaskEvents.Lifecycle) e).phase()).contains(TaskPhase.CANCELLED, TaskPhase.FINISHED);
    }
}
