package io.snapsim.rocksdb;

import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.state.StateKind;
import org.rocksdb.ColumnFamilyHandle;

/**
 * One registered state of a backend: a column family of its database, null while the backend has
 * no database. The subclasses are the {@code ValueState}, {@code ListState} and {@code MapState}
 * the job uses; they read and write the current key's entries through the backend's
 * {@link StateAccess}. Confined to the owning task.
 */
abstract class RocksState {
    final String name;
    final StateKind kind;
    final RocksStore store;
    final StateAccess access;
    /** The descriptor the job registered, or null for a state so far known only from a restore. */
    StateDescriptor descriptor;
    ColumnFamilyHandle handle;

    RocksState(String name, StateKind kind, RocksStore store) {
        this.name = name;
        this.kind = kind;
        this.store = store;
        this.access = store.access();
    }

    /** A state object of {@code kind}; {@code descriptor} is null for a state known only from a restore. */
    static RocksState create(String name, StateKind kind, StateDescriptor descriptor, RocksStore store) {
        return switch (kind) {
            case VALUE -> new RocksValueState<>(name, descriptor, store);
            case LIST -> new RocksListState<>(name, descriptor, store);
            case MAP -> new RocksMapState<>(name, descriptor, store);
        };
    }

    void attach(StateDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /**
     * The column family to read or delete from, loading restored entries first; null when the
     * backend has no database, and so no entries.
     */
    final ColumnFamilyHandle readableHandle() {
        if (handle == null && store.hasUnloadedEntries()) {
            store.openDatabase();
        }
        return handle;
    }

    /** The column family for a write, creating the database first if there is none. */
    final ColumnFamilyHandle writableHandle() {
        if (handle == null) {
            store.openDatabase();
        }
        return handle;
    }

    /** Deletes the current key's entry: all of a value or list state's state for that key. */
    final void deleteCurrentKeyEntry() {
        ColumnFamilyHandle column = readableHandle();
        if (column != null) {
            access.delete(column, access.keyBytes());
        }
    }

    /** A copy of one decoded entry for {@code contents()}, which callers may keep. */
    abstract Object copyForContents(Object decoded);
}
