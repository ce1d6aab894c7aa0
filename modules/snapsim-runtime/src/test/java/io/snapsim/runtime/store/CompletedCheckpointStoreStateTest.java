package io.snapsim.runtime.store;

import static io.snapsim.runtime.store.CompletedCheckpointStoreContract.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.runtime.store.CompletedCheckpointStore.CheckpointAdded;
import io.snapsim.runtime.store.CompletedCheckpointStore.CheckpointRemoved;
import io.snapsim.runtime.store.CompletedCheckpointStore.State;
import org.junit.jupiter.api.Test;

/** The store's state and names alone, without an actor system. */
class CompletedCheckpointStoreStateTest {

    @Test
    void keepsEntriesSortedByIdWhateverTheOrderOfEvents() {
        State state = State.empty()
                .added(new CheckpointAdded(entry(5)))
                .added(new CheckpointAdded(entry(2)))
                .added(new CheckpointAdded(entry(9)))
                .added(new CheckpointAdded(entry(3)));

        assertThat(state.entries()).containsExactly(entry(2), entry(3), entry(5), entry(9));
        assertThat(state.find(5)).isEqualTo(entry(5));
        assertThat(state.find(4)).isNull();
    }

    @Test
    void leavesThePreviousStateUnchanged() {
        State before = State.empty().added(new CheckpointAdded(entry(1)));
        State after = before.added(new CheckpointAdded(entry(2))).removed(new CheckpointRemoved(1));

        assertThat(before.entries()).containsExactly(entry(1));
        assertThat(after.entries()).containsExactly(entry(2));
    }

    @Test
    void ignoresRemovingAnUnknownId() {
        State state = State.empty().added(new CheckpointAdded(entry(1)));

        assertThat(state.removed(new CheckpointRemoved(8))).isSameAs(state);
    }

    @Test
    void namesThePersistenceIdAfterTheJob() {
        assertThat(CompletedCheckpointStore.persistenceId("wordcount-7").id()).isEqualTo("snapsim-checkpoints-wordcount-7");
        assertThatThrownBy(() -> CompletedCheckpointStore.create(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEntryWithoutMetadataPathOrWithNegativeNumbers() {
        assertThatThrownBy(() -> new CheckpointEntry(1, 0, 0, null, 0, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CheckpointEntry(-1, 0, 0, "/m", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckpointEntry(1, 0, 0, "/m", -1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
