package io.snapsim.core.state;

import java.util.Map;

/**
 * The current key of a heap backend and where its entries live: the index of its key group's table
 * ({@code keyGroup - range.start()}), set once per key so that each state access costs one array
 * index and one hash map lookup. Shared by the backend, which sets it, and its states, which read
 * it. Confined to the owning task.
 */
final class HeapCurrentKey {
    /** The current key, or null before the first and after a restore. */
    Object key;
    /** The index of the current key's table; -1 when there is no current key. */
    int index = -1;

    void set(Object key, int index) {
        this.key = key;
        this.index = index;
    }

    void clear() {
        key = null;
        index = -1;
    }

    /** The current key's table among {@code tables}; fails when no key is set. */
    Map<Object, Object> table(Map<Object, Object>[] tables, String stateName) {
        if (index < 0) {
            throw new IllegalStateException("no current key: call setCurrentKey before using state '" + stateName + "'");
        }
        return tables[index];
    }
}
