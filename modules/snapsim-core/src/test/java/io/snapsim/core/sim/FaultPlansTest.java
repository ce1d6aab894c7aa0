package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.sim.FaultPlans.Channel;
import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.CrashAt;
import io.snapsim.core.sim.Faults.CrashCoordinator;
import io.snapsim.core.sim.Faults.CrashOperator;
import io.snapsim.core.sim.Faults.CrashTaskManager;
import io.snapsim.core.sim.Faults.NetworkFault;
import io.snapsim.core.sim.Faults.SinkCommitFails;
import io.snapsim.core.sim.Faults.StorageFault;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultPlansTest {

    /** The word count job at parallelism 2: source → tokenizer → counter → sink. */
    private static final PlanContext WORDCOUNT = new PlanContext(
            Map.of("source", 2, "tokenizer", 2, "counter", 2, "sink", 2),
            Map.of("tokenizer", 500L, "counter", 2500L, "sink", 2500L),
            true, 5, 40,
            List.of(new Channel("source", "tokenizer"), new Channel("tokenizer", "counter"), new Channel("counter", "sink")));

    private static final PlanContext WITHOUT_CHECKPOINTS = new PlanContext(
            Map.of("source", 1, "sum", 3, "sink", 3), Map.of("sum", 100L, "sink", 100L), false, 0, 25,
            List.of(new Channel("source", "sum"), new Channel("sum", "sink")));

    @Nested
    class RandomPlans {

        @Test
        void areTheSameForTheSameSeed() {
            for (long seed = 0; seed < 50; seed++) {
                assertThat(FaultPlans.random(seed, 5, WORDCOUNT)).isEqualTo(FaultPlans.random(seed, 5, WORDCOUNT));
            }
        }

        @Test
        void doNotDependOnTheOrderTheContextWasGivenIn() {
            Map<String, Integer> reversed = new LinkedHashMap<>();
            List.of("sink", "counter", "tokenizer", "source").forEach(uid -> reversed.put(uid, 2));
            PlanContext same = new PlanContext(reversed, new HashMap<>(WORDCOUNT.recordsPerSubtaskEstimate()), true, 5, 40,
                    List.of(new Channel("counter", "sink"), new Channel("tokenizer", "counter"),
                            new Channel("source", "tokenizer")));

            assertThat(FaultPlans.random(7, 10, same)).isEqualTo(FaultPlans.random(7, 10, WORDCOUNT));
        }

        @Test
        void differFromSeedToSeed() {
            Set<List<FaultSpec>> plans = LongStream.range(0, 50).mapToObj(seed -> FaultPlans.random(seed, 3, WORDCOUNT))
                    .collect(Collectors.toSet());
            assertThat(plans).hasSizeGreaterThan(45);
        }

        @Test
        void haveTheRequestedLength() {
            assertThat(FaultPlans.random(1, 0, WORDCOUNT)).isEmpty();
            assertThat(FaultPlans.random(1, 17, WORDCOUNT)).hasSize(17);
        }

        @Test
        void useEveryDefaultKindSoonerOrLaterButNeverStorageDamageOrAModelBreakingOne() {
            Set<String> kinds = new HashSet<>();
            for (long seed = 0; seed < 300; seed++) {
                for (FaultSpec fault : FaultPlans.random(seed, 3, WORDCOUNT)) {
                    kinds.add(kindOf(fault));
                    if (fault instanceof NetworkFault network) {
                        assertThat(network.breaksModel()).as("seed %d: %s", seed, fault).isFalse();
                    }
                }
            }
            assertThat(kinds).isEqualTo(RandomFaults.DEFAULT_KINDS);
        }

        @Test
        void drawModelBreakingKindsOnlyWhenNamed() {
            List<FaultSpec> plan = FaultPlans.random(3, 20, WORDCOUNT, Set.of("network.drop", "network.reorder"));
            assertThat(plan).allSatisfy(fault -> assertThat(((NetworkFault) fault).breaksModel()).isTrue());
        }

        @Test
        void keepEveryFaultWhereItCanHappen() {
            for (long seed = 0; seed < 500; seed++) {
                for (FaultSpec fault : FaultPlans.random(seed, 4, WORDCOUNT)) {
                    assertValid(fault, WORDCOUNT, "seed " + seed);
                }
                for (FaultSpec fault : FaultPlans.random(seed, 4, WITHOUT_CHECKPOINTS)) {
                    assertValid(fault, WITHOUT_CHECKPOINTS, "seed " + seed);
                }
            }
        }

        @Test
        void placeNothingAtACheckpointWithoutCheckpointing() {
            for (long seed = 0; seed < 200; seed++) {
                assertThat(FaultPlans.random(seed, 3, WITHOUT_CHECKPOINTS)).noneMatch(FaultPlansTest::usesACheckpoint);
            }
        }

        @Test
        void needAKindThatCanBePlaced() {
            assertThatThrownBy(() -> FaultPlans.random(1, 2, WITHOUT_CHECKPOINTS, Set.of("storage.fail-write")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpointing is off");
            PlanContext noChannels = new PlanContext(Map.of("a", 1), Map.of(), true, 3, 10);
            assertThatThrownBy(() -> FaultPlans.random(1, 2, noChannels, Set.of("network.delay", "sink-commit-fails")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void readBackThroughTheParserAsTheSamePlan() {
            SimulationParser parser = new SimulationParser(new JobCatalog() {
                @Override
                public Set<String> jobNames() {
                    return Set.of("wordcount");
                }

                @Override
                public Set<String> parameterNames(String job) {
                    return Set.of();
                }
            });
            String header = "job: wordcount\nparallelism: 2\nconfig: {execution.checkpointing.interval: 10 ms}\n";
            for (long seed = 0; seed < 200; seed++) {
                List<FaultSpec> plan = FaultPlans.random(seed, 4, WORDCOUNT, RandomFaults.ALL_KINDS);
                assertThat(parser.parse(header + FaultPlans.toYaml(plan), Path.of("plan.yaml")).faults())
                        .as("seed %d", seed).isEqualTo(plan);
            }
        }
    }

    @Nested
    class Expansion {

        @Test
        void replacesEachRandomItemInPlaceAndKeepsTheRest() {
            CrashFault fixed = CrashFault.atRecord("counter", 0, 10);
            List<FaultSpec> expanded = FaultPlans.expand(List.of(new RandomFaults(2), fixed,
                    new RandomFaults(1, Set.of("crash-coordinator"))), 42, WORDCOUNT);

            assertThat(expanded).hasSize(4);
            assertThat(expanded.subList(0, 2)).isEqualTo(FaultPlans.random(42, 2, WORDCOUNT).stream()
                    .map(OptionalFault::drawn).toList());
            assertThat(expanded.get(2)).isEqualTo(fixed);
            assertThat(expanded.get(3).planned()).isInstanceOf(CrashCoordinator.class);
            assertThat(FaultPlans.isRandom(expanded)).isFalse();
        }

        @Test
        void marksDrawnFaultsAsOnesTheRunMayPassWithout() {
            List<FaultSpec> expanded = FaultPlans.expand(List.of(new RandomFaults(3),
                    CrashFault.atRecord("counter", 0, 10)), 7, WORDCOUNT);
            assertThat(expanded.subList(0, 3)).allSatisfy(f -> {
                assertThat(f.mustFire()).isFalse();
                assertThat(((OptionalFault) f).reason()).isEqualTo(OptionalFault.Reason.DRAWN_AT_RANDOM);
            });
            assertThat(expanded.get(3).mustFire()).isTrue();
        }

        @Test
        void leavesAPlanWithoutRandomItemsAlone() {
            List<FaultSpec> plan = List.of(CrashFault.atCheckpoint("sink", 1, 2));
            assertThat(FaultPlans.expand(plan, 9, WORDCOUNT)).isEqualTo(plan);
            assertThat(FaultPlans.isRandom(plan)).isFalse();
        }
    }

    @Nested
    class Yaml {

        @Test
        void writesOneFlowMappingPerFaultInTheDocumentedOrder() {
            assertThat(FaultPlans.toYaml(List.of(
                    CrashFault.atRecord("counter", 1, 4000),
                    new CrashAt("counter", 0, 3L, Faults.CheckpointPhase.AFTER_SNAPSHOT, null),
                    new StorageFault(Faults.StorageKind.SLOW_WRITE, 2, null, 5000L),
                    new NetworkFault(Faults.NetworkKind.DELAY, "source", "counter", 0, 20L),
                    new RandomFaults(3),
                    new RandomFaults(1, Set.of("network.drop", "crash")))))
                    .isEqualTo("""
                            faults:
                              - crash: {operator: counter, subtask: 1, at-record: 4000}
                              - crash-at: {operator: counter, subtask: 0, at-checkpoint: 3, phase: after-snapshot}
                              - storage: {kind: slow-write, at-checkpoint: 2, delay: 5000}
                              - network: {kind: delay, from: source, to: counter, at-time: 0, delay: 20}
                              - random: {count: 3}
                              - random: {count: 1, kinds: [crash, network.drop]}
                            """);
        }

        @Test
        void writesAnEmptyPlanAsAnEmptyList() {
            assertThat(FaultPlans.toYaml(List.of())).isEqualTo("faults: []\n");
        }

        @Test
        void quotesNamesThatYamlWouldReadDifferently() {
            assertThat(FaultPlans.toYaml(List.of(CrashFault.atRecord("a: b", 0, 1), CrashFault.atRecord("yes", 0, 1),
                    CrashFault.atRecord("say \"hi\"", 0, 1))))
                    .contains("operator: \"a: b\"", "operator: \"yes\"", "operator: \"say \\\"hi\\\"\"");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String kindOf(FaultSpec fault) {
        if (fault instanceof StorageFault storage) {
            return RandomFaults.qualified(StorageFault.TYPE, storage.kind());
        }
        if (fault instanceof NetworkFault network) {
            return RandomFaults.qualified(NetworkFault.TYPE, network.kind());
        }
        return fault.type();
    }

    private static boolean usesACheckpoint(FaultSpec fault) {
        if (fault instanceof CrashFault f) {
            return f.atCheckpoint() != null;
        }
        if (fault instanceof CrashAt f) {
            return f.atCheckpoint() != null;
        }
        if (fault instanceof CrashOperator f) {
            return f.atCheckpoint() != null;
        }
        if (fault instanceof CrashTaskManager f) {
            return f.atCheckpoint() != null;
        }
        return fault instanceof CrashCoordinator || fault instanceof StorageFault || fault instanceof SinkCommitFails;
    }

    /** The fault names existing operators and subtasks, and is placed within the context's ranges. */
    private static void assertValid(FaultSpec fault, PlanContext ctx, String where) {
        String as = where + ": " + fault;
        Map<String, Integer> operators = ctx.operatorParallelism();
        if (fault instanceof CrashFault f) {
            assertSubtask(ctx, f.operator(), f.subtask(), as);
            assertRecord(ctx, f.operator(), f.atRecord(), as);
            assertCheckpoint(ctx, f.atCheckpoint(), as);
        } else if (fault instanceof CrashAt f) {
            assertSubtask(ctx, f.operator(), f.subtask(), as);
            assertCheckpoint(ctx, f.atCheckpoint(), as);
            assertTime(ctx, f.atTime(), as);
        } else if (fault instanceof CrashOperator f) {
            assertThat(operators).as(as).containsKey(f.operator());
            assertRecord(ctx, f.operator(), f.atRecord(), as);
            assertCheckpoint(ctx, f.atCheckpoint(), as);
            assertTime(ctx, f.atTime(), as);
        } else if (fault instanceof CrashTaskManager f) {
            assertThat(f.taskManagers()).as(as).isBetween(2, 4);
            assertCheckpoint(ctx, f.atCheckpoint(), as);
            assertTime(ctx, f.atTime(), as);
        } else if (fault instanceof CrashCoordinator f) {
            assertCheckpoint(ctx, f.atCheckpoint(), as);
        } else if (fault instanceof StorageFault f) {
            assertCheckpoint(ctx, f.atCheckpoint(), as);
            if (f.operator() != null) {
                assertThat(operators).as(as).containsKey(f.operator());
            }
            if (f.delay() != null) {
                assertThat(f.delay()).as(as).isBetween(1L, ctx.horizonMillis());
            }
        } else if (fault instanceof NetworkFault f) {
            assertThat(ctx.channels()).as(as).contains(new Channel(f.from(), f.to()));
            assertTime(ctx, f.atTime(), as);
        } else if (fault instanceof SinkCommitFails f) {
            assertThat(ctx.sinks()).as(as).contains(f.operator());
            assertSubtask(ctx, f.operator(), f.subtask(), as);
            assertCheckpoint(ctx, f.atCheckpoint(), as);
        } else {
            throw new AssertionError("unexpected fault " + as);
        }
    }

    private static void assertSubtask(PlanContext ctx, String operator, int subtask, String as) {
        assertThat(ctx.operatorParallelism()).as(as).containsKey(operator);
        assertThat(subtask).as(as).isBetween(0, ctx.operatorParallelism().get(operator) - 1);
    }

    private static void assertRecord(PlanContext ctx, String operator, Long record, String as) {
        if (record != null) {
            assertThat(ctx.recordsPerSubtaskEstimate()).as(as).containsKey(operator);
            assertThat(record).as(as).isBetween(1L, ctx.recordsPerSubtaskEstimate().get(operator));
        }
    }

    private static void assertCheckpoint(PlanContext ctx, Long checkpoint, String as) {
        if (checkpoint != null) {
            assertThat(ctx.checkpointing()).as(as).isTrue();
            assertThat(checkpoint).as(as).isBetween(1L, (long) ctx.maxCheckpoint());
        }
    }

    private static void assertTime(PlanContext ctx, Long time, String as) {
        if (time != null) {
            assertThat(time).as(as).isBetween(0L, ctx.horizonMillis() - 1);
        }
    }
}
