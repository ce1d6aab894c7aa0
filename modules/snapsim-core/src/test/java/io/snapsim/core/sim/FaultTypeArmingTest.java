package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each fault type asks the runtime to inject, on the word count job at parallelism 2. */
class FaultTypeArmingTest {

    private final RecordingTargets targets = RecordingTargets.wordCount();

    private List<String> armed(FaultSpec fault) {
        fault.arm(targets);
        return targets.actions;
    }

    private static String crash(String subtask, Long record, Long checkpoint, CheckpointPhase phase, Long time) {
        return "crash " + subtask + " " + new FaultTargets.CrashPoint(record, checkpoint, phase, time);
    }

    @Test
    void aCrashCrashesItsSubtaskAtItsRecordOrBeforeItsSnapshot() {
        assertThat(armed(CrashFault.atRecord("counter", 1, 40)))
                .containsExactly(crash("counter#1", 40L, null, CheckpointPhase.BEFORE_SNAPSHOT, null));
        assertThat(armed(CrashFault.atCheckpoint("sink", 0, 3)))
                .endsWith(crash("sink#0", null, 3L, CheckpointPhase.BEFORE_SNAPSHOT, null));
    }

    @Test
    void aCrashAtAPhaseKeepsItsPhaseAndOneAtATimeHasNone() {
        assertThat(armed(new Faults.CrashAt("counter", 0, 2L, CheckpointPhase.AFTER_ACK, null)))
                .containsExactly(crash("counter#0", null, 2L, CheckpointPhase.AFTER_ACK, null));
        assertThat(armed(new Faults.CrashAt("counter", 0, null, null, 15L)))
                .endsWith(crash("counter#0", null, null, CheckpointPhase.BEFORE_SNAPSHOT, 15L));
    }

    @Test
    void anOperatorCrashCrashesEverySubtaskOfTheOperator() {
        assertThat(armed(new Faults.CrashOperator("tokenizer", null, null, 7L))).containsExactly(
                crash("tokenizer#0", null, null, CheckpointPhase.BEFORE_SNAPSHOT, 7L),
                crash("tokenizer#1", null, null, CheckpointPhase.BEFORE_SNAPSHOT, 7L));
    }

    @Test
    void aTaskManagerCrashHitsTheSubtasksPlacedOnItRoundRobinInDeploymentOrder() {
        // slots 0..7 are source#0, source#1, tokenizer#0, ..., sink#1; task manager 1 of 3 holds slots 1, 4 and 7
        assertThat(armed(new Faults.CrashTaskManager(1, 3, null, 2L))).containsExactly(
                crash("source#1", null, 2L, CheckpointPhase.BEFORE_SNAPSHOT, null),
                crash("counter#0", null, 2L, CheckpointPhase.BEFORE_SNAPSHOT, null),
                crash("sink#1", null, 2L, CheckpointPhase.BEFORE_SNAPSHOT, null));
    }

    @Test
    void aWriteFaultHitsTheNamedSubtaskOrEverySubtaskOfTheOperatorOrOfTheJob() {
        assertThat(armed(new Faults.StorageFault(StorageKind.FAIL_WRITE, 2, "counter", 1, null)))
                .containsExactly("fail-write counter#1 chk 2");
        targets.actions.clear();
        assertThat(armed(new Faults.StorageFault(StorageKind.SLOW_WRITE, 3, "sink", 50L)))
                .containsExactly("slow-write sink#0 chk 3 +50", "slow-write sink#1 chk 3 +50");
        targets.actions.clear();
        assertThat(armed(new Faults.StorageFault(StorageKind.FAIL_WRITE, 1, null, null))).hasSize(8)
                .startsWith("fail-write source#0 chk 1").endsWith("fail-write sink#1 chk 1");
    }

    @Test
    void aDamageFaultTellsTheCoordinatorWhoseStateToDamage() {
        assertThat(armed(new Faults.StorageFault(StorageKind.CORRUPT_DATA, 4, "counter", 0, null)))
                .containsExactly("damage CORRUPT_DATA chk 4 counter#0");
    }

    @Test
    void aNetworkFaultDisturbsTheChannelsBetweenItsOperators() {
        Faults.NetworkFault delay = new Faults.NetworkFault(NetworkKind.DELAY, "source", "counter", 5, 20L);
        assertThat(armed(delay)).containsExactly("channels " + delay);
    }

    @Test
    void theCoordinatorCrashSinkCommitCancelAndSavepointArePassedOn() {
        Faults.Cancel cancel = new Faults.Cancel(3L, null);
        Faults.Savepoint savepoint = new Faults.Savepoint(null, 10L, true);
        for (FaultSpec fault : List.of(new Faults.CrashCoordinator(2, CoordinatorPhase.BEFORE_NOTIFY),
                new Faults.SinkCommitFails("sink", 1, 2), cancel, savepoint)) {
            fault.arm(targets);
        }
        assertThat(targets.actions).containsExactly("coordinator BEFORE_NOTIFY chk 2", "fail-commit sink#1 chk 2",
                "cancel " + cancel, "savepoint " + savepoint);
    }

    @Test
    void aRandomItemArmsNothingUntilItIsExpanded() {
        assertThat(armed(new RandomFaults(3, Set.of("crash")))).isEmpty();
    }

    @Test
    void anOptionalFaultArmsTheFaultItWraps() {
        assertThat(armed(OptionalFault.marked(CrashFault.atRecord("counter", 1, 40))))
                .containsExactly(crash("counter#1", 40L, null, CheckpointPhase.BEFORE_SNAPSHOT, null));
    }

    @Test
    void aFaultNamingAnOperatorOrSubtaskTheJobLacksArmsNothing() {
        assertThatThrownBy(() -> CrashFault.atRecord("counter", 2, 40).arm(targets)).hasMessageStartingWith("subtask:");
        assertThatThrownBy(() -> new Faults.NetworkFault(NetworkKind.DROP, "source", "nope", 5, null).arm(targets))
                .hasMessageStartingWith("to:");
        assertThatThrownBy(() -> new Faults.CrashOperator("nope", 1L, null, null).arm(targets))
                .hasMessage("no operator nope");
        assertThat(targets.actions).isEmpty();
    }
}
