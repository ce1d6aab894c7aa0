package io.snapsim.rocksdb;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.state.KeyedStateBackend;

/** Descriptors and fill helpers shared by this module's tests. */
final class TestStates {
    static final int MAX_P = KeyGroups.DEFAULT_MAX_PARALLELISM;
    static final KeyGroupRange ALL = new KeyGroupRange(0, MAX_P - 1);

    static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Long.class, 0L);
    static final ListStateDescriptor<String> EVENTS = new ListStateDescriptor<>("events", String.class);
    static final MapStateDescriptor<String, Integer> SCORES =
            new MapStateDescriptor<>("scores", String.class, Integer.class);

    private TestStates() {}

    /** A value for every key in [0, n), a list for every 10th key, a map for every 7th. */
    static void fill(KeyedStateBackend backend, int n) {
        ValueState<Long> count = backend.getValueState(COUNT);
        ListState<String> events = backend.getListState(EVENTS);
        MapState<String, Integer> scores = backend.getMapState(SCORES);
        for (long key = 0; key < n; key++) {
            backend.setCurrentKey(key);
            count.update(key * 10);
            if (key % 10 == 0) {
                events.add("e" + key);
                events.add("f" + key);
            }
            if (key % 7 == 0) {
                scores.put("a", (int) key);
                scores.put("b", -1);
            }
        }
    }

    /** Changes the value of every {@code stride}-th key in [0, n): 1% of the keys for a stride of 100. */
    static void updateEvery(KeyedStateBackend backend, int n, int stride, long delta) {
        ValueState<Long> count = backend.getValueState(COUNT);
        for (long key = 0; key < n; key += stride) {
            backend.setCurrentKey(key);
            count.update(count.value() + delta);
        }
    }
}
