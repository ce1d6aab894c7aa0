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
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * <p>Confined to the owning task; not thread-safe.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
    private final KeyGroupRange range;
    private final int maxParallelism;
    private final int firstKeyGroup;
    private final int keyGroupCount;
    private final SortedMap<String, HeapState> states = new TreeMap<>();

    private Object currentKey;
    /** {@code keyGroup - range.start()} of the current key; -1 when there is none. */
    private int currentIndex = -1;

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
        currentKey = key;
        currentIndex = index;
    }

    @Override
    public Object currentKey() {
        return currentKey;
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
            state.tables = emptyTables();
        }
        for (KeyedStateSnapshotFormat.StateTable table : restored.values()) {
            HeapState state = states.computeIfAbsent(table.name(), name -> newState(name, table.kind(), null));
            state.tables = table.tables();
        }
        currentKey = null;
        currentIndex = -1;
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
        switch (kind) {
            case VALUE:
                return new HeapValueState<>(name, descriptor);
            case LIST:
                return new HeapListState<>(name, descriptor);
            default:
                return new HeapMapState<>(name, descriptor);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object>[] emptyTables() {
        Map<Object, Object>[] tables = new Map[keyGroupCount];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new HashMap<>();
        }
        return tables;
    }

    /** The current key's table of this state; fails when no key is set. */
    private Map<Object, Object> currentTable(Map<Object, Object>[] tables, String stateName) {
        int index = currentIndex;
        if (index < 0) {
            throw new IllegalStateException("no current key: call setCurrentKey before using state '" + stateName + "'");
        }
        return tables[index];
    }

    private static <K, V> Map<K, V> sortedCopy(Map<K, V> map) {
        for (K key : map.keySet()) {
            if (!(key instanceof Comparable)) {
                return new LinkedHashMap<>(map);
            }
        }
        try {
            return new TreeMap<>(map);
        } catch (ClassCastException mixedKeyTypes) {
            return new LinkedHashMap<>(map);
        }
    }

    /** One registered state: a hash map per key group; never holds null values, empty lists or empty maps. */
    private abstract class HeapState {
        final String name;
        final StateKind kind;
        /** The descriptor the job registered, or null for a state so far known only from a restore. */
        StateDescriptor descriptor;
        Map<Object, Object>[] tables = emptyTables();

        HeapState(String name, StateKind kind) {
            this.name = name;
            this.kind = kind;
        }

        void attach(StateDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        final Map<Object, Object> table() {
            return currentTable(tables, name);
        }

        abstract Object copyForContents(Object stored);
    }

    private final class HeapValueState<T> extends HeapState implements ValueState<T> {
        private T defaultValue;

        HeapValueState(String name, StateDescriptor descriptor) {
            super(name, StateKind.VALUE);
            attach(descriptor);
        }

        @Override
        @SuppressWarnings("unchecked")
        void attach(StateDescriptor descriptor) {
            super.attach(descriptor);
            defaultValue = descriptor == null ? null : ((ValueStateDescriptor<T>) descriptor).defaultValue();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T value() {
            Object value = table().get(currentKey);
            if (value != null) {
                return (T) value;
            }
            return defaultValue;
        }

        @Override
        public void update(T value) {
            if (value == null) {
                table().remove(currentKey);
            } else {
                table().put(currentKey, value);
            }
        }

        @Override
        public void clear() {
            table().remove(currentKey);
        }

        @Override
        Object copyForContents(Object stored) {
            return stored;
        }
    }

    private final class HeapListState<T> extends HeapState implements ListState<T> {
        HeapListState(String name, StateDescriptor descriptor) {
            super(name, StateKind.LIST);
            attach(descriptor);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> get() {
            List<T> list = (List<T>) table().get(currentKey);
            return list == null ? new ArrayList<>() : new ArrayList<>(list);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void add(T value) {
            requireElement(value);
            Map<Object, Object> table = table();
            List<T> list = (List<T>) table.get(currentKey);
            if (list == null) {
                list = new ArrayList<>();
                table.put(currentKey, list);
            }
            list.add(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void addAll(List<T> values) {
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                return;
            }
            values.forEach(this::requireElement);
            Map<Object, Object> table = table();
            List<T> list = (List<T>) table.get(currentKey);
            if (list == null) {
                table.put(currentKey, new ArrayList<>(values));
            } else {
                list.addAll(values);
            }
        }

        @Override
        public void update(List<T> values) {
            if (values == null || values.isEmpty()) {
                table().remove(currentKey);
                return;
            }
            values.forEach(this::requireElement);
            table().put(currentKey, new ArrayList<>(values));
        }

        @Override
        public void clear() {
            table().remove(currentKey);
        }

        @Override
        Object copyForContents(Object stored) {
            return Collections.unmodifiableList(new ArrayList<>((List<?>) stored));
        }

        private void requireElement(T value) {
            if (value == null) {
                throw new NullPointerException("list state '" + name + "' does not accept null elements");
            }
        }
    }

    private final class HeapMapState<K, V> extends HeapState implements MapState<K, V> {
        HeapMapState(String name, StateDescriptor descriptor) {
            super(name, StateKind.MAP);
            attach(descriptor);
        }

        @Override
        public V get(K key) {
            Map<K, V> map = map();
            return map == null ? null : map.get(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void put(K key, V value) {
            if (key == null) {
                throw new NullPointerException("map state '" + name + "' does not accept null keys");
            }
            Map<Object, Object> table = table();
            Map<K, V> map = (Map<K, V>) table.get(currentKey);
            if (map == null) {
                map = new HashMap<>();
                table.put(currentKey, map);
            }
            map.put(key, value);
        }

        @Override
        public void remove(K key) {
            Map<K, V> map = map();
            if (map != null) {
                map.remove(key);
                if (map.isEmpty()) {
                    table().remove(currentKey);
                }
            }
        }

        @Override
        public boolean contains(K key) {
            Map<K, V> map = map();
            return map != null && map.containsKey(key);
        }

        @Override
        public Map<K, V> entries() {
            Map<K, V> map = map();
            return map == null ? new LinkedHashMap<>() : sortedCopy(map);
        }

        @Override
        public boolean isEmpty() {
            return map() == null;
        }

        @Override
        public void clear() {
            table().remove(currentKey);
        }

        @Override
        Object copyForContents(Object stored) {
            return Collections.unmodifiableMap(sortedCopy((Map<?, ?>) stored));
        }

        @SuppressWarnings("unchecked")
        private Map<K, V> map() {
            return (Map<K, V>) table().get(currentKey);
        }
    }
}
