package io.snapsim.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.NetworkKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptFaultsTest {
    private static final long START = 1_000;

    private static ResolvedNode node(String uid) {
        return new ResolvedNode(0, uid, uid, "map", 2, 128, true, null, null);
    }

    private static final List<ResolvedNode> SOURCE_CHAIN = List.of(node("source"), node("tokenizer"));

    private static ArmedFault crashAtTime(int index, String operator, int subtask, long atTime) {
        return new ArmedFault(index, ArmedFault.Kind.CRASH, operator, subtask, 0, 0, CheckpointPhase.BEFORE_SNAPSHOT,
                atTime, 0);
    }

    @Test
    void armsATaskFaultOnTheSubtaskOfTheChainThatHoldsItsOperator() {
        ArmedFault atRecord = new ArmedFault(0, "tokenizer", 1, 500, 0);
        AttemptFaults faults = new AttemptFaults(FaultPlan.ofTasks(List.of(atRecord, new ArmedFault(1, "sink", 1, 9, 0))), START);

        assertThat(faults.forTask(SOURCE_CHAIN, 1)).containsExactly(atRecord);
        assertThat(faults.forTask(SOURCE_CHAIN, 0)).isEmpty();
    }

    @Test
    void shiftsAPlannedTimeToTheJobsClockAndLeavesOtherFaultsAsPlanned() {
        AttemptFaults faults = new AttemptFaults(FaultPlan.ofTasks(List.of(crashAtTime(0, "source", 0, 25))), START);

        assertThat(faults.forTask(SOURCE_CHAIN, 0)).containsExactly(crashAtTime(0, "source", 0, 1_025));
    }

    @Test
    void armsAFaultThatFiredInNoLaterAttempt() {
        AttemptFaults faults = new AttemptFaults(new FaultPlan(List.of(new ArmedFault(0, "source", 0, 10, 0)), List.of(),
                List.of(new CoordinatorFault(1, CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY, 3),
                        new CoordinatorFault(2, CoordinatorFault.Kind.CORRUPT_DATA, 5))), START);

        faults.fired(0);
        faults.fired(1);

        assertThat(faults.forTask(SOURCE_CHAIN, 0)).isEmpty();
        assertThat(faults.coordinator()).extracting(CoordinatorFault::faultIndex).containsExactly(2);
    }

    @Test
    void keepsEveryChannelFaultArmedOnTheJobsClock() {
        AttemptFaults faults = new AttemptFaults(new FaultPlan(List.of(),
                List.of(new ChannelFault(0, NetworkKind.DELAY, "source", "sink", 40, 5)), List.of()), START);

        faults.fired(0);

        assertThat(faults.channels()).containsExactly(new ChannelFault(0, NetworkKind.DELAY, "source", "sink", 1_040, 5));
    }
}
