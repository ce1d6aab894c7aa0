package io.snapsim.core.state;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link KeyedStateBackend} that keeps state as Java objects on the heap, like Flink's
 * {@code hashmap} backend.
 *
 * <p>Each state holds one hash map per key group of the range, indexed by
 * {@code keyGroup - range.start()}. {@link #setCurrentKey} hashes the key to its key group once;
 * each state access then costs one array index and one hash map lookup, without allocating.
 * Values are stored by reference: a mutable value changed in place without {@code update} changes
 * the stored state too (as in Flink's heap backend), and a value state's default value is handed
 * out as is to every key without one, so it should be immutable. Snapshots copy everything into bytes.
 *
 * <p>The states are {@link HeapValueState}, {@link HeapListState} and {@link HeapMapState}; they
 * share the backend's {@link HeapCurrentKey}.
 *
 * <p>Confined to the owning task; not thread-safe.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
    private final KeyGroupRange range;
    private final int maxParallelism;
    private final int firstKeyGroup;
    private final int keyGroupCount;
    private final SortedMap<String, HeapState> states = new TreeMap<>();

    private final HeapCurrentKey current = new HeapCurrentKey();

    /**
     * @param range the key groups this backend holds; must lie within {@code [0, maxParallelism)}
     * @param maxParallelism the number of key groups, in {@code [1, 2^15]}
     */
    public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
        Objects.requireNonNull(range, "range");
        KeyGroups.checkMaxParallelism(maxParallelism);
        if (!range.isEmpty() && range.end() >= maxParallelism) {
            throw new IllegalArgumentException("key group range [" + range.start() + ", " + range.end()
                    + "] does not fit max parallelism " + maxParallelism);
        }
        this.range = range;
        this.maxParallelism = maxParallelism;
        this.firstKeyGroup = range.start();
        this.keyGroupCount = range.size();
    }

    @Override
    public void setCurrentKey(Object key) {
        int keyGroup = KeyGroups.assignToKeyGroup(key, maxParallelism);
        int index = keyGroup - firstKeyGroup;
        if (index < 0 || index >= keyGroupCount) {
            throw new IllegalStateException("key " + key + " belongs to key group " + keyGroup
                    + ", which is outside this backend's key group range [" + range.start() + ", " + range.end()
                    + "] (max parallelism " + maxParallelism + ")");
        }
        current.set(key, index);
    }

    @Override
    public Object currentKey() {
        return current.key;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
        return (ValueState<T>) register(descriptor, StateKind.VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return (ListState<T>) register(descriptor, StateKind.LIST);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return (MapState<K, V>) register(descriptor, StateKind.MAP);
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return range;
    }

    @Override
    public int maxParallelism() {
        return maxParallelism;
    }

    @Override
    public byte[] snapshot() {
        List<KeyedStateSnapshotFormat.StateTable> tables = new ArrayList<>(states.size());
        for (HeapState state : states.values()) {
            tables.add(new KeyedStateSnapshotFormat.StateTable(state.name, state.kind, range, state.tables));
        }
        return KeyedStateSnapshotFormat.write(maxParallelism, tables);
    }

    @Override
    public void restore(List<byte[]> snapshots) {
        Objects.requireNonNull(snapshots, "snapshots");
        SortedMap<String, KeyedStateSnapshotFormat.StateTable> restored =
                KeyedStateSnapshotFormat.read(snapshots, range, maxParallelism);
        for (KeyedStateSnapshotFormat.StateTable table : restored.values()) {
            HeapState existing = states.get(table.name());
            if (existing != null && existing.kind != table.kind()) {
                throw new IllegalArgumentException("cannot restore state '" + table.name() + "': it is a "
                        + table.kind() + " state in the snapshot but registered here as a " + existing.kind + " state");
            }
        }
        for (HeapState state : states.values()) {
            state.tables = HeapState.emptyTables(keyGroupCount);
        }
        for (KeyedStateSnapshotFormat.StateTable table : restored.values()) {
            HeapState state = states.computeIfAbsent(table.name(), name -> newState(name, table.kind(), null));
            state.tables = table.tables();
        }
        current.clear();
    }

    @Override
    public SortedMap<String, SortedMap<String, Object>> contents() {
        SortedMap<String, SortedMap<String, Object>> result = new TreeMap<>();
        for (HeapState state : states.values()) {
            SortedMap<String, Object> entries = new TreeMap<>();
            for (Map<Object, Object> table : state.tables) {
                for (Map.Entry<Object, Object> entry : table.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if (entries.put(key, state.copyForContents(entry.getValue())) != null) {
                        throw new IllegalStateException("state '" + state.name + "' has two keys that both print as '"
                                + key + "'; contents() cannot tell them apart");
                    }
                }
            }
            if (!entries.isEmpty()) {
                result.put(state.name, Collections.unmodifiableSortedMap(entries));
            }
        }
        return Collections.unmodifiableSortedMap(result);
    }

    @Override
    public long numberOfEntries() {
        long count = 0;
        for (HeapState state : states.values()) {
            for (Map<Object, Object> table : state.tables) {
                count += table.size();
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "HeapKeyedStateBackend[range=[" + range.start() + ", " + range.end() + "], maxParallelism="
                + maxParallelism + ", states=" + states.keySet() + "]";
    }

    private HeapState register(StateDescriptor descriptor, StateKind kind) {
        Objects.requireNonNull(descriptor, "descriptor");
        HeapState state = states.get(descriptor.name());
        if (state == null) {
            state = newState(descriptor.name(), kind, descriptor);
            states.put(descriptor.name(), state);
            return state;
        }
        if (state.kind != kind) {
            throw new IllegalArgumentException("state '" + descriptor.name() + "' is already registered as a "
                    + state.kind + " state; cannot use it as a " + kind + " state");
        }
        if (state.descriptor == null) {
            state.attach(descriptor); // registered by a restore; the job now supplies the default
        } else if (!state.descriptor.equals(descriptor)) {
            throw new IllegalArgumentException("state '" + descriptor.name() + "' is already registered with "
                    + state.descriptor + "; cannot register it again with " + descriptor);
        }
        return state;
    }

    private HeapState newState(String name, StateKind kind, StateDescriptor descriptor) {
        return HeapState.create(name, kind, descriptor, current, keyGroupCount);
    }
}
