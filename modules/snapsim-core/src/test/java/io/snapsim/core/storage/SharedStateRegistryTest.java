package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedStateRegistryTest {
    private final SharedStateRegistry registry = new SharedStateRegistry();

    @Test
    void deletesAFileWhenTheLastRetainedCheckpointReferencingItIsReleased() {
        registry.register(1, List.of("a", "b"));
        registry.register(2, List.of("b", "c"));
        registry.register(3, List.of("c", "d"));

        assertThat(registry.release(1)).containsExactly("a");
        assertThat(registry.referenceCount("b")).isEqualTo(1);
        assertThat(registry.release(2)).containsExactly("b");
        assertThat(registry.retainedCheckpoints()).containsExactly(3L);
        assertThat(registry.release(3)).containsExactly("c", "d");
        assertThat(registry.referencedFiles()).isEmpty();
    }

    @Test
    void countsACheckpointOncePerFileHoweverOftenItListsIt() {
        registry.register(1, List.of("a", "a", "a"));
        registry.register(2, List.of("a"));
        assertThat(registry.referenceCount("a")).isEqualTo(2);
        assertThat(registry.release(2)).isEmpty();
        assertThat(registry.release(1)).containsExactly("a");
    }

    @Test
    void releasesNothingForAnUnknownOrAlreadyReleasedCheckpoint() {
        registry.register(1, List.of("a"));
        assertThat(registry.release(7)).isEmpty();
        assertThat(registry.release(1)).containsExactly("a");
        assertThat(registry.release(1)).isEmpty();
    }

    @Test
    void refusesToRegisterACheckpointTwice() {
        registry.register(1, List.of("a"));
        assertThatThrownBy(() -> registry.register(1, List.of("b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checkpoint 1");
        assertThat(registry.referenceCount("b")).isZero();
    }

    @Test
    void registersRecoveredCheckpointsInAnyOrder() {
        registry.registerRecovered(5, List.of("x", "y"));
        registry.registerRecovered(4, List.of("x"));
        assertThat(registry.referenceCount("x")).isEqualTo(2);
        registry.register(6, List.of("y", "z"));
        assertThat(registry.release(4)).isEmpty();
        assertThat(registry.release(5)).containsExactly("x");
    }

    @Test
    void refusesACheckpointThatReusesAFileNoRetainedCheckpointHoldsAnyMore() {
        registry.registerHandles(1, List.of(handle(1, new SharedFile("1.sst", "op-0-1-1.sst", 10, 1))));
        registry.registerHandles(2, List.of(handle(2, new SharedFile("2.sst", "op-0-2-2.sst", 10, 2))));
        assertThat(registry.release(1)).containsExactly("op-0-1-1.sst");

        IncrementalStateHandle late = handle(3,
                new SharedFile("1.sst", "op-0-1-1.sst", 10, 1), new SharedFile("3.sst", "op-0-3-3.sst", 10, 3));
        assertThatThrownBy(() -> registry.registerHandles(3, List.of(late)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("op-0-1-1.sst")
                .hasMessageContaining("checkpoint 3");
        assertThat(registry.retainedCheckpoints()).containsExactly(2L);
        assertThat(registry.referenceCount("op-0-3-3.sst")).isZero();
    }

    @Test
    void acceptsReusedFilesThatAreStillHeld() {
        registry.registerHandles(1, List.of(handle(1, new SharedFile("1.sst", "op-0-1-1.sst", 10, 1))));
        registry.registerHandles(2, List.of(handle(2, new SharedFile("1.sst", "op-0-1-1.sst", 10, 1))));
        assertThat(registry.release(1)).isEmpty();
        assertThat(registry.release(2)).containsExactly("op-0-1-1.sst");
    }

    private static IncrementalStateHandle handle(long checkpointId, SharedFile... files) {
        return new IncrementalStateHandle(checkpointId, new KeyGroupRange(0, KeyGroups.DEFAULT_MAX_PARALLELISM - 1),
                KeyGroups.DEFAULT_MAX_PARALLELISM, "op-0", List.of(files),
                List.of(new PrivateFile("CURRENT", 16)));
    }
}
