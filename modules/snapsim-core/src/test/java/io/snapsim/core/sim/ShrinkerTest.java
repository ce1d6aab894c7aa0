package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.sim.FaultPlans.Channel;
import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.Faults.NetworkFault;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.StorageFault;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    private static final PlanContext WORDCOUNT = new PlanContext(
            Map.of("source", 2, "tokenizer", 2, "counter", 2, "sink", 2),
            Map.of("tokenizer", 500L, "counter", 2500L, "sink", 2500L), true, 8, 100,
            List.of(new Channel("source", "tokenizer"), new Channel("tokenizer", "counter"), new Channel("counter", "sink")));

    private static boolean crashesCounter(FaultSpec fault) {
        return fault instanceof CrashFault crash && crash.operator().equals("counter");
    }

    /** The fake bug: a run fails iff its plan crashes the counter and has a storage fault. */
    private static final Predicate<List<FaultSpec>> COUNTER_CRASH_AND_STORAGE_FAULT = plan ->
            plan.stream().anyMatch(ShrinkerTest::crashesCounter) && plan.stream().anyMatch(StorageFault.class::isInstance);

    /** A predicate that records every plan it is asked about. */
    private static final class Recording implements Predicate<List<FaultSpec>> {
        final List<List<FaultSpec>> asked = new ArrayList<>();
        final Predicate<List<FaultSpec>> fails;

        Recording(Predicate<List<FaultSpec>> fails) {
            this.fails = fails;
        }

        @Override
        public boolean test(List<FaultSpec> plan) {
            asked.add(plan);
            return fails.test(plan);
        }
    }

    private static List<FaultSpec> failingPlan() {
        return List.of(
                new NetworkFault(NetworkKind.DELAY, "source", "tokenizer", 30, 5L),
                CrashFault.atRecord("tokenizer", 0, 120),
                CrashFault.atRecord("counter", 1, 1800),
                new Faults.CrashCoordinator(4, Faults.CoordinatorPhase.BEFORE_NOTIFY),
                new StorageFault(StorageKind.FAIL_WRITE, 6, "counter", null),
                new Faults.SinkCommitFails("sink", 1, 3),
                CrashFault.atCheckpoint("counter", 0, 5));
    }

    @Test
    void keepsOnlyTheFaultsTheFailureNeedsAndLowersTheirPositions() {
        List<FaultSpec> shrunk = Shrinker.shrink(failingPlan(), COUNTER_CRASH_AND_STORAGE_FAULT);

        assertThat(shrunk).hasSize(2);
        assertThat(COUNTER_CRASH_AND_STORAGE_FAULT.test(shrunk)).isTrue();
        assertThat(shrunk).anySatisfy(fault -> assertThat(fault).isIn(CrashFault.atRecord("counter", 1, 1),
                CrashFault.atCheckpoint("counter", 0, 1)));
        assertThat(shrunk).contains(new StorageFault(StorageKind.FAIL_WRITE, 1, "counter", null));
    }

    @Test
    void returnsAPlanFromWhichNoSingleFaultCanBeRemoved() {
        for (long seed = 0; seed < 200; seed++) {
            List<FaultSpec> plan = FaultPlans.random(seed, 12, WORDCOUNT);
            if (!COUNTER_CRASH_AND_STORAGE_FAULT.test(plan)) {
                continue;
            }
            List<FaultSpec> shrunk = Shrinker.shrink(plan, COUNTER_CRASH_AND_STORAGE_FAULT);

            assertThat(COUNTER_CRASH_AND_STORAGE_FAULT.test(shrunk)).as("seed %d", seed).isTrue();
            assertOneMinimal(shrunk, COUNTER_CRASH_AND_STORAGE_FAULT);
        }
    }

    @Test
    void lowersAPositionToTheSmallestValueThatStillFails() {
        Predicate<List<FaultSpec>> lateCrash = plan -> plan.stream().anyMatch(fault ->
                fault instanceof CrashFault crash && crash.atRecord() != null && crash.atRecord() >= 100);

        assertThat(Shrinker.shrink(List.of(CrashFault.atRecord("counter", 1, 4000)), lateCrash))
                .containsExactly(CrashFault.atRecord("counter", 1, 100));
    }

    @Test
    void keepsAnOptionalFaultOptionalWhileLoweringItsPosition() {
        FaultSpec drawn = OptionalFault.drawn(CrashFault.atRecord("counter", 1, 4000));
        Predicate<List<FaultSpec>> lateCrash = plan -> plan.stream().anyMatch(fault ->
                fault.planned() instanceof CrashFault crash && crash.atRecord() != null && crash.atRecord() >= 100);

        assertThat(Shrinker.shrink(List.of(drawn), lateCrash))
                .containsExactly(OptionalFault.drawn(CrashFault.atRecord("counter", 1, 100)));
    }

    @Test
    void lowersTimesTowardsZero() {
        Predicate<List<FaultSpec>> anyNetworkFault = plan -> plan.stream().anyMatch(NetworkFault.class::isInstance);

        assertThat(Shrinker.shrink(List.of(new NetworkFault(NetworkKind.STALL, "a", "b", 77, 9L)), anyNetworkFault))
                .containsExactly(new NetworkFault(NetworkKind.STALL, "a", "b", 0, 9L));
    }

    @Test
    void removesThemAllWhenTheRunFailsWithoutFaults() {
        assertThat(Shrinker.shrink(failingPlan(), plan -> true)).isEmpty();
    }

    @Test
    void keepsTheWholePlanWhenEveryFaultIsNeeded() {
        List<FaultSpec> plan = List.of(CrashFault.atRecord("a", 0, 1), CrashFault.atRecord("b", 0, 1));
        Predicate<List<FaultSpec>> needsBoth = candidate -> candidate.size() == 2;

        assertThat(Shrinker.shrink(plan, needsBoth)).isEqualTo(plan);
    }

    @Test
    void asksAboutEachPlanAtMostOnceAndNeverAboutTheOneItWasGiven() {
        Recording recording = new Recording(COUNTER_CRASH_AND_STORAGE_FAULT);
        Shrinker.shrink(failingPlan(), recording);

        assertThat(recording.asked).doesNotHaveDuplicates().doesNotContain(failingPlan());
        assertThat(new HashSet<>(recording.asked)).hasSameSizeAs(recording.asked);
    }

    @Test
    void triesHalvesBeforeSingleFaults() {
        Recording recording = new Recording(COUNTER_CRASH_AND_STORAGE_FAULT);
        List<FaultSpec> plan = failingPlan();
        Shrinker.shrink(plan, recording);

        assertThat(recording.asked.get(0)).isEqualTo(plan.subList(3, 7));
    }

    private static void assertOneMinimal(List<FaultSpec> plan, Predicate<List<FaultSpec>> fails) {
        for (int i = 0; i < plan.size(); i++) {
            List<FaultSpec> without = new ArrayList<>(plan);
            without.remove(i);
            assertThat(fails.test(without)).as("%s without fault %d still fails", plan, i).isFalse();
        }
        assertThat(Set.copyOf(plan)).hasSameSizeAs(plan);
    }
}
