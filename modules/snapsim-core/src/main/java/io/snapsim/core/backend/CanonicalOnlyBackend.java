package io.snapsim.core.backend;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyedStateBackend;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A {@link KeyedStateBackend} with the canonical format only, seen as a
 * {@link CheckpointableKeyedStateBackend}: every hook keeps its default (canonical snapshots, no
 * native format, nothing to close). The state calls go straight to the wrapped backend, which this
 * object owns. Confined to the owning task.
 */
public final class CanonicalOnlyBackend implements CheckpointableKeyedStateBackend {
    private final KeyedStateBackend state;

    public CanonicalOnlyBackend(KeyedStateBackend state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public void setCurrentKey(Object key) {
        state.setCurrentKey(key);
    }

    @Override
    public Object currentKey() {
        return state.currentKey();
    }

    @Override
    public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
        return state.getValueState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return state.getListState(descriptor);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return state.getMapState(descriptor);
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return state.keyGroupRange();
    }

    @Override
    public int maxParallelism() {
        return state.maxParallelism();
    }

    @Override
    public byte[] snapshot() {
        return state.snapshot();
    }

    @Override
    public void restore(List<byte[]> snapshots) {
        state.restore(snapshots);
    }

    @Override
    public SortedMap<String, SortedMap<String, Object>> contents() {
        return state.contents();
    }

    @Override
    public long numberOfEntries() {
        return state.numberOfEntries();
    }

    @Override
    public String toString() {
        return "CanonicalOnlyBackend[" + state + "]";
    }
}
