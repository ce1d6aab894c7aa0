package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.runtime.store.CheckpointEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveredCheckpointsTest {

    private static CheckpointEntry entry(long id, boolean savepoint) {
        return new CheckpointEntry(id, 10 * id, 10 * id + 5, "/c/chk-" + id + "/_metadata", 100 * id, savepoint);
    }

    @Test
    void anEmptyStoreStartsAfterTheCheckpointTheJobWasSubmittedFrom() {
        RecoveredCheckpoints recovered = RecoveredCheckpoints.of(List.of(), 7);

        assertThat(recovered.completed()).isEmpty();
        assertThat(recovered.nextCheckpointId()).isEqualTo(8);
    }

    @Test
    void restoresStoredCheckpointsButNotSavepoints() {
        RecoveredCheckpoints recovered = RecoveredCheckpoints.of(List.of(entry(1, false), entry(2, true), entry(3, false)), 0);

        assertThat(recovered.completed()).containsExactly(
                new CompletedCheckpoint(1, 10, 15, "/c/chk-1/_metadata", 100, TriggerKind.PERIODIC),
                new CompletedCheckpoint(3, 30, 35, "/c/chk-3/_metadata", 300, TriggerKind.PERIODIC));
        assertThat(recovered.newestFirst()).extracting(CompletedCheckpoint::checkpointId).containsExactly(3L, 1L);
    }

    @Test
    void neverReusesTheIdOfAStoredSavepoint() {
        assertThat(RecoveredCheckpoints.of(List.of(entry(1, false), entry(4, true)), 0).nextCheckpointId()).isEqualTo(5);
    }

    @Test
    void neverReusesTheIdOfAFolderACrashedCoordinatorLeftUnrecorded() {
        RecoveredCheckpoints recovered = RecoveredCheckpoints.of(List.of(entry(2, false)), 0);

        assertThat(recovered.nextCheckpointIdAbove(List.of(1L, 5L, 3L))).isEqualTo(6);
        assertThat(recovered.nextCheckpointIdAbove(List.of(1L))).isEqualTo(3);
    }
}
