package io.snapsim.core.state;

import io.snapsim.core.api.state.StateDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * One registered state of a heap backend: a hash map per key group of the backend's range; never
 * holds null values, empty lists or empty maps. Confined to the owning task.
 */
abstract class HeapState {
    final String name;
    final StateKind kind;
    final HeapCurrentKey current;
    /** The descriptor the job registered, or null for a state so far known only from a restore. */
    StateDescriptor descriptor;
    Map<Object, Object>[] tables;

    HeapState(String name, StateKind kind, HeapCurrentKey current, int keyGroupCount) {
        this.name = name;
        this.kind = kind;
        this.current = current;
        this.tables = emptyTables(keyGroupCount);
    }

    /** A state object of {@code kind}; {@code descriptor} is null for a state known only from a restore. */
    static HeapState create(String name, StateKind kind, StateDescriptor descriptor, HeapCurrentKey current,
                            int keyGroupCount) {
        return switch (kind) {
            case VALUE -> new HeapValueState<>(name, descriptor, current, keyGroupCount);
            case LIST -> new HeapListState<>(name, descriptor, current, keyGroupCount);
            case MAP -> new HeapMapState<>(name, descriptor, current, keyGroupCount);
        };
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object>[] emptyTables(int keyGroupCount) {
        Map<Object, Object>[] tables = new Map[keyGroupCount];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new HashMap<>();
        }
        return tables;
    }

    void attach(StateDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** The current key's table of this state. */
    final Map<Object, Object> table() {
        return current.table(tables, name);
    }

    /** A copy of one stored entry for {@code contents()}, which callers may keep. */
    abstract Object copyForContents(Object stored);
}
