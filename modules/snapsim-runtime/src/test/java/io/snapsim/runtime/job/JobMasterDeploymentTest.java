package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task failure and a coordinator crash close together: the job master waits for one redeployment
 * at a time and deploys each attempt once. The first scenario is the one of issue 10: the sink
 * crashes, and while its restart is scheduled the coordinator crashes before notifying checkpoint 1;
 * the old master deployed attempt 1 twice (once for the restart timer, once for the restarted
 * coordinator) and stopped with a duplicate actor name.
 */
class JobMasterDeploymentTest {

    @TempDir
    Path temp;

    private SimulationResult run(String name, long restartDelayMs) throws Exception {
        return run(name, restartDelayMs, 3);
    }

    private SimulationResult run(String name, long restartDelayMs, int restartAttempts) throws Exception {
        Map<String, String> keys = Map.of(
                "execution.checkpointing.interval", "10 ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", String.valueOf(restartAttempts),
                "restart-strategy.fixed-delay.delay", restartDelayMs + " ms");
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", 50_000, "keys", 1_000), 2, 148, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, Configuration.fromMap(keys, name), List.of(
                new Faults.CrashOperator("sink", 15_787L, null, null),
                new Faults.CrashCoordinator(1, Faults.CoordinatorPhase.BEFORE_NOTIFY)));
        return new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(), "run");
    }

    private static List<Integer> deployedAttempts(SimulationResult r) throws Exception {
        return HistoryReader.read(r.runDir().resolve("history.jsonl"), Set.of(JobEvents.Deployed.class)).stream()
                .map(HistoryEvent::attempt).collect(Collectors.toList());
    }

    @Test
    void aCoordinatorCrashWhileTheSinksRestartIsScheduledRedeploysOnceAndFinishesWithTheReferenceOutput()
            throws Exception {
        SimulationResult r = run("deploy-twice", 5);

        assertThat(r.run()).as(r.verdict().reason()).isNotNull();
        assertThat(r.run().status()).as(r.run().failureMessage()).isEqualTo(JobStatus.FINISHED);
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(r.verdict().comparison().outputEqual()).isTrue();
        assertThat(deployedAttempts(r)).as("one fresh deployment, one redeployment").containsExactly(0, 1);
        assertThat(r.run().restarts()).isEqualTo(1);
    }

    /** The sink's failure is the one failover the restart strategy counts; the coordinator's crash costs no attempt. */
    @Test
    void theFailoverAndTheCoordinatorCrashDuringItsRestartUseOneRestartAttempt() throws Exception {
        SimulationResult r = run("one-attempt", 5, 1);

        assertThat(r.run()).as(r.verdict().reason()).isNotNull();
        assertThat(r.run().status()).as(r.run().failureMessage()).isEqualTo(JobStatus.FINISHED);
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(r.run().restarts()).isEqualTo(1);
    }

    /**
     * The restart timer fires before the coordinator crashes (1 ms: two redeployments, one per
     * failure), after it crashed but before the new one is ready (3 ms), or after it is ready (5 and
     * 40 ms): every attempt is deployed once, in order, and the output equals the reference.
     */
    @ParameterizedTest(name = "restart delay {0} ms")
    @ValueSource(longs = {1, 3, 5, 40})
    void everyTimingOfTheRestartTimerAgainstTheCoordinatorsRestartDeploysEachAttemptOnce(long delayMs)
            throws Exception {
        SimulationResult r = run("delay-" + delayMs, delayMs);

        assertThat(r.run()).as(r.verdict().reason()).isNotNull();
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.VALID);
        List<Integer> attempts = deployedAttempts(r);
        assertThat(attempts).as("attempts 0..n, each once").isEqualTo(
                java.util.stream.IntStream.range(0, attempts.size()).boxed().toList());
        assertThat(r.run().restarts()).isEqualTo(attempts.size() - 1);
    }
}
