package io.snapsim.core.checkpoint;

import static io.snapsim.core.checkpoint.CheckpointFixtures.MAP_0;
import static io.snapsim.core.checkpoint.CheckpointFixtures.MAP_1;
import static io.snapsim.core.checkpoint.CheckpointFixtures.SOURCE_0;
import static io.snapsim.core.checkpoint.CheckpointFixtures.STRANGER;
import static io.snapsim.core.checkpoint.CheckpointFixtures.TASKS;
import static io.snapsim.core.checkpoint.CheckpointFixtures.metrics;
import static io.snapsim.core.checkpoint.CheckpointFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingCheckpointTest {

    private final PendingCheckpoint checkpoint = new PendingCheckpoint(4, 1_000, TriggerKind.PERIODIC, TASKS);

    @Test
    void startsWaitingForEverySubtask() {
        assertThat(checkpoint.numberOfTasks()).isEqualTo(3);
        assertThat(checkpoint.numberOfAcknowledged()).isZero();
        assertThat(checkpoint.notYetAcknowledged()).containsExactly(MAP_0, MAP_1, SOURCE_0);
        assertThat(checkpoint.isFullyAcknowledged()).isFalse();
        assertThat(checkpoint.isDisposed()).isFalse();
        assertThat(checkpoint.latestAckTimestamp()).isEqualTo(-1);
    }

    @Test
    void recordsStateMetricsAndLatestAckTimeOfEachAcknowledgement() {
        assertThat(checkpoint.acknowledge(MAP_0, state(MAP_0, 40), metrics(1, 2, 3, 4, 40), 1_050)).isEqualTo(AckResult.SUCCESS);
        assertThat(checkpoint.acknowledge(SOURCE_0, state(SOURCE_0, 2), metrics(0, 1, 1, 1, 2), 1_020)).isEqualTo(AckResult.SUCCESS);

        assertThat(checkpoint.acknowledgedStates()).containsOnlyKeys(MAP_0, SOURCE_0);
        assertThat(checkpoint.metrics().get(MAP_0)).isEqualTo(metrics(1, 2, 3, 4, 40));
        assertThat(checkpoint.latestAckTimestamp()).isEqualTo(1_050);
        assertThat(checkpoint.notYetAcknowledged()).containsExactly(MAP_1);
        assertThat(checkpoint.stateSize()).isEqualTo(42);
        assertThat(checkpoint.checkpointedSize()).isEqualTo(42);
    }

    @Test
    void aSecondAckFromTheSameSubtaskIsADuplicateAndTheFirstStateStands() {
        checkpoint.acknowledge(MAP_0, state(MAP_0, 40), SubtaskCheckpointMetrics.NONE, 1_050);

        assertThat(checkpoint.acknowledge(MAP_0, state(MAP_0, 99), SubtaskCheckpointMetrics.NONE, 1_060))
                .isEqualTo(AckResult.DUPLICATE);
        assertThat(checkpoint.acknowledgedStates().get(MAP_0).stateSize()).isEqualTo(40);
        assertThat(checkpoint.latestAckTimestamp()).isEqualTo(1_050);
    }

    @Test
    void anAckFromASubtaskItDoesNotWaitForIsUnknown() {
        assertThat(checkpoint.acknowledge(STRANGER, state(STRANGER, 1), SubtaskCheckpointMetrics.NONE, 1_050))
                .isEqualTo(AckResult.UNKNOWN);
        assertThat(checkpoint.numberOfAcknowledged()).isZero();
    }

    @Test
    void becomesFullyAcknowledgedWithTheLastAck() {
        checkpoint.acknowledge(MAP_0, state(MAP_0, 1), SubtaskCheckpointMetrics.NONE, 1);
        checkpoint.acknowledge(MAP_1, state(MAP_1, 1), SubtaskCheckpointMetrics.NONE, 2);
        assertThat(checkpoint.isFullyAcknowledged()).isFalse();
        checkpoint.acknowledge(SOURCE_0, state(SOURCE_0, 1), SubtaskCheckpointMetrics.NONE, 3);
        assertThat(checkpoint.isFullyAcknowledged()).isTrue();
        assertThat(checkpoint.notYetAcknowledged()).isEmpty();
    }

    @Test
    void discardsEveryAckOnceAborted() {
        checkpoint.markAborted();

        assertThat(checkpoint.isDisposed()).isTrue();
        assertThat(checkpoint.acknowledge(MAP_0, state(MAP_0, 1), SubtaskCheckpointMetrics.NONE, 1)).isEqualTo(AckResult.DISCARDED);
        assertThat(checkpoint.acknowledge(STRANGER, state(STRANGER, 1), SubtaskCheckpointMetrics.NONE, 1)).isEqualTo(AckResult.DISCARDED);
        assertThat(checkpoint.numberOfAcknowledged()).isZero();
    }

    @Test
    void handsOutCopiesThatDoNotChangeWithLaterAcks() {
        Set<SubtaskId> waiting = checkpoint.notYetAcknowledged();
        checkpoint.acknowledge(MAP_0, state(MAP_0, 1), SubtaskCheckpointMetrics.NONE, 1);
        assertThat(waiting).hasSize(3);
    }

    @Test
    void refusesToWaitForNoTask() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PendingCheckpoint(1, 0, TriggerKind.PERIODIC, Set.of()));
    }
}
