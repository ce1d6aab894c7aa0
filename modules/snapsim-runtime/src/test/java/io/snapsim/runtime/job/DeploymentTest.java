package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.fault.AttemptFaults;
import io.snapsim.runtime.fault.FaultPlan;
import io.snapsim.runtime.job.Deployment.TaskDeployment;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.task.TaskRestore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tasks of an attempt of {@link SmallPlans#mixed}, fresh and restoring a checkpoint. */
class DeploymentTest {
    private static final Path METADATA = Path.of("/cp/job/chk-4/_metadata");
    private static final AttemptFaults NO_FAULTS = new AttemptFaults(FaultPlan.NONE, 0);

    private final JobPlan plan = SmallPlans.mixed(2);

    private TaskDeployment task(Deployment deployment, String lastUid, int subtask) {
        TaskKey key = new TaskKey(SmallPlans.vertexEndingWith(plan, lastUid).id(), subtask);
        return deployment.tasks().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    @Nested
    class AFreshStart {
        private final Deployment deployment = Deployment.of(plan, 0, null, NO_FAULTS);

        @Test
        void deploysOneTaskPerSubtaskInPlanOrderWithNothingToRestore() {
            assertThat(deployment.tasks()).hasSize(plan.numberOfTasks());
            assertThat(deployment.tasks()).extracting(TaskDeployment::key).isSorted();
            assertThat(deployment.tasks()).extracting(TaskDeployment::restore).containsOnlyNulls();
            assertThat(deployment.restoredCheckpoint()).isNull();
        }

        @Test
        void tellsEachInputChannelWhichOperatorInputItFeeds() {
            assertThat(task(deployment, "joined", 0).inputOfChannel()).containsExactly(0, 0, 1, 1, 1);
            assertThat(task(deployment, "spread", 2).inputOfChannel()).containsExactly(0, 0);
            assertThat(task(deployment, "numbers", 1).inputOfChannel()).isEmpty();
        }

        @Test
        void namesTheSourceTasksAndGivesEveryActorANameOfItsAttempt() {
            int numbers = SmallPlans.vertexEndingWith(plan, "numbers").id();
            assertThat(deployment.sources()).containsExactlyInAnyOrder(new TaskKey(numbers, 0), new TaskKey(numbers, 1));
            assertThat(task(deployment, "numbers", 1).actorName(3)).isEqualTo("a3-v" + numbers + "-1");
        }
    }

    @Nested
    class ARestore {
        private final String sourceUid = SmallPlans.vertexEndingWith(plan, "numbers").head().uid();

        private CheckpointMetadata checkpoint4() {
            int joinedMax = SmallPlans.vertexEndingWith(plan, "joined").maxParallelism();
            return new CheckpointMetadata("job", 4, 1, 2, SnapshotKind.CHECKPOINT, "RETAIN_ON_CANCELLATION", List.of(
                    new OperatorStateSnapshot(sourceUid, sourceUid, 2, 128, List.of(
                            new SubtaskStateSnapshot(0, null, null, null, Map.of("split-0", 10L)),
                            new SubtaskStateSnapshot(1, null, null, null, Map.of("split-1", 20L)))),
                    new OperatorStateSnapshot("doubled", "doubled", 2, 128, List.of(
                            new SubtaskStateSnapshot(0, null, null, inline(0), Map.of()),
                            new SubtaskStateSnapshot(1, null, null, inline(1), Map.of()))),
                    new OperatorStateSnapshot("joined", "joined", 1, joinedMax, List.of(
                            new SubtaskStateSnapshot(0, new KeyGroupRange(0, joinedMax - 1), inline(7), null, Map.of())))));
        }

        private final Deployment deployment = Deployment.of(plan, 2, new Restores(METADATA, checkpoint4(), plan), NO_FAULTS);

        private static StateHandle inline(int value) {
            return new StateHandle.Inline(new byte[] {(byte) value});
        }

        @Test
        void restoresEveryTaskFromTheCheckpointsFolder() {
            assertThat(deployment.restoredCheckpoint()).isEqualTo(4L);
            assertThat(deployment.tasks()).allSatisfy(t -> {
                assertThat(t.restore().checkpointId()).isEqualTo(4);
                assertThat(t.restore().snapshot().metadataFile()).isEqualTo(METADATA.toAbsolutePath());
            });
        }

        @Test
        void givesEachSubtaskItsOwnOperatorAndKeyedState() {
            assertThat(task(deployment, "doubled", 1).restore().operators().get("doubled").operatorState()).isEqualTo(inline(1));
            assertThat(task(deployment, "doubled", 0).restore().operators().get("doubled").operatorState()).isEqualTo(inline(0));
            assertThat(task(deployment, "joined", 0).restore().operators().get("joined").keyedState())
                    .containsExactly(inline(7));
        }

        @Test
        void givesEverySourceSubtaskThePositionsOfAllSplits() {
            for (int s = 0; s < 2; s++) {
                TaskRestore.OperatorRestore source = task(deployment, "numbers", s).restore().operators().get(sourceUid);
                assertThat(source.sourcePositions()).isEqualTo(Map.of("split-0", 10L, "split-1", 20L));
            }
        }

        @Test
        void leavesOperatorsWithoutStateInTheCheckpointEmpty() {
            assertThat(task(deployment, "spread", 2).restore().operators()).isEmpty();
        }
    }

    @Test
    void armsOnlyTheFaultsThatHaveNotFiredOnTheTasksTheyName() {
        ArmedFault atTime = new ArmedFault(0, ArmedFault.Kind.CRASH, "doubled", 1, 0, 0, CheckpointPhase.BEFORE_SNAPSHOT,
                5, 0);
        ArmedFault atRecord = new ArmedFault(1, "joined", 0, 100, 0);
        AttemptFaults faults = new AttemptFaults(FaultPlan.ofTasks(List.of(atTime, atRecord)), 1_000);
        faults.fired(1);

        Deployment deployment = Deployment.of(plan, 1, null, faults);

        assertThat(task(deployment, "doubled", 1).faults()).extracting(ArmedFault::faultIndex, ArmedFault::atTime)
                .containsExactly(tuple(0, 1_005L));
        assertThat(deployment.tasks()).filteredOn(t -> !t.key().equals(task(deployment, "doubled", 1).key()))
                .allSatisfy(t -> assertThat(t.faults()).isEmpty());
    }
}
