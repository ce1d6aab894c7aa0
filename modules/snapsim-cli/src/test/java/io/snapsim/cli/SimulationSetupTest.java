package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.OptionalFault;
import io.snapsim.core.sim.RandomFaults;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fault plan that {@code run} and {@code sweep} both derive from a simulation and a seed. */
class SimulationSetupTest {

    private static final String WORDCOUNT = """
            job: wordcount
            parameters: {records: 20000}
            parallelism: 2
            config: {execution.checkpointing.interval: 5 ms}
            """;

    private static SimulationSpec spec(String faults) {
        return new SimulationParser(RunCommand.catalog()).parse(WORDCOUNT + faults, Path.of("sim.yaml"));
    }

    private static Configuration config(SimulationSpec spec) {
        return SimulationSetup.effectiveConfig(spec, Optional.empty(), Map.of());
    }

    @Test
    void keepsAPlanWithoutRandomItems() {
        SimulationSpec spec = spec("faults:\n  - crash: {operator: counter, subtask: 0, at-record: 5}\n");

        assertThat(SimulationSetup.plan(spec, config(spec), null)).containsExactly(CrashFault.atRecord("counter", 0, 5));
        assertThat(SimulationSetup.drawsFromSeed(spec, null)).isFalse();
    }

    @Test
    void refusesTheFaultsOptionForAFixedPlanWithNothingToDraw() {
        SimulationSpec spec = spec("faults:\n  - crash: {operator: counter, subtask: 0, at-record: 5}\n");

        assertThatThrownBy(() -> SimulationSetup.plan(spec, config(spec), 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--faults 4: sim.yaml plans 1 fixed fault(s) and no 'random' item, so there is"
                        + " nothing to draw");
    }

    @Test
    void drawsTheRandomItemsFromTheSeed() {
        SimulationSpec spec = spec("faults:\n  - random: {count: 3}\n").withSeed(11);
        List<FaultSpec> plan = SimulationSetup.plan(spec, config(spec), null);

        assertThat(plan).hasSize(3).noneMatch(RandomFaults.class::isInstance);
        assertThat(plan).isEqualTo(SimulationSetup.plan(spec, config(spec), null));
        assertThat(plan).isEqualTo(FaultPlans.random(11, 3, PlanContexts.of(spec, config(spec))).stream()
                .map(OptionalFault::drawn).toList());
        assertThat(plan).as("a run may pass without a drawn fault firing").noneMatch(FaultSpec::mustFire);
        assertThat(SimulationSetup.plan(spec.withSeed(12), config(spec), null)).isNotEqualTo(plan);
    }

    @Test
    void letsTheFaultsOptionSetTheCountOrFillAnEmptyPlan() {
        SimulationSpec random = spec("faults:\n  - random: {count: 3, kinds: [crash]}\n");
        SimulationSpec empty = spec("");

        assertThat(SimulationSetup.plan(random, config(random), 5)).hasSize(5)
                .allMatch(fault -> fault.planned() instanceof CrashFault);
        assertThat(SimulationSetup.plan(empty, config(empty), null)).isEmpty();
        assertThat(SimulationSetup.plan(empty, config(empty), 2)).hasSize(2);
        assertThat(SimulationSetup.drawsFromSeed(empty, 2)).isTrue();
    }

    @Test
    void refusesACountOutOfRange() {
        SimulationSpec empty = spec("");
        assertThatThrownBy(() -> SimulationSetup.plan(empty, config(empty), 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--faults: expected a number of faults between 1 and 1000, got 0");
    }

    @Test
    void aimsFaultsAtTheJobsOperatorsAndChannels() {
        SimulationSpec spec = spec("");
        FaultPlans.PlanContext ctx = PlanContexts.of(spec, config(spec));

        assertThat(ctx.operatorParallelism()).containsOnlyKeys("source", "tokenizer", "counter", "sink");
        assertThat(ctx.recordsPerSubtaskEstimate()).containsEntry("counter", 10_000L).containsEntry("tokenizer", 2_000L)
                .doesNotContainKey("source");
        assertThat(ctx.channels()).contains(new FaultPlans.Channel("tokenizer", "counter"));
        assertThat(ctx.sinks()).containsExactly("sink");
        assertThat(ctx.checkpointing()).isTrue();
        assertThat(ctx.horizonMillis()).isEqualTo(20);
        assertThat(ctx.maxCheckpoint()).isEqualTo(4);
    }
}
