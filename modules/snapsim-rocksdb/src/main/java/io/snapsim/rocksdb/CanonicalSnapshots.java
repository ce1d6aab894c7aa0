package io.snapsim.rocksdb;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyedStateSnapshotFormat;
import io.snapsim.core.state.KeyedStateSnapshotFormat.StateTable;
import io.snapsim.core.state.StateKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The full snapshot strategy in the canonical format every backend reads: savepoints, rescaling,
 * changing backend. A snapshot scans every column family and decodes every entry into memory
 * before writing the bytes; a restore checks the snapshots at once and leaves their entries to be
 * written into a new database when the state is first used. Also the whole-state reads of
 * {@code contents()} and {@code numberOfEntries()}. Confined to the owning task.
 */
final class CanonicalSnapshots {
    private final RocksStore store;

    CanonicalSnapshots(RocksStore store) {
        this.store = store;
    }

    byte[] snapshot() {
        store.checkNotClosed();
        store.loadRestoredEntries();
        KeyGroupRange range = store.range();
        List<StateTable> tables = new ArrayList<>(store.states().size());
        EntryScanner scanner = scanner();
        for (RocksState state : store.states().values()) {
            @SuppressWarnings("unchecked")
            Map<Object, Object>[] byKeyGroup = new Map[range.size()];
            if (state.handle != null) {
                scanner.forEachEntry(state, (keyGroup, key, value) -> {
                    int index = keyGroup - range.start();
                    if (byKeyGroup[index] == null) {
                        byKeyGroup[index] = new HashMap<>();
                    }
                    byKeyGroup[index].put(key, value);
                });
            }
            tables.add(new StateTable(state.name, state.kind, range, byKeyGroup));
        }
        return KeyedStateSnapshotFormat.write(store.maxParallelism(), tables);
    }

    void restore(List<byte[]> snapshots) {
        store.checkNotClosed();
        Objects.requireNonNull(snapshots, "snapshots");
        SortedMap<String, StateTable> restored = KeyedStateSnapshotFormat.read(snapshots, store.range(),
                store.maxParallelism());
        Map<String, StateKind> restoredKinds = new HashMap<>();
        restored.forEach((name, table) -> restoredKinds.put(name, table.kind()));
        SortedMap<String, RocksState> after = store.statesAfterRestore(restoredKinds, "the snapshot");
        store.install(null, after, RestoredEntries.ofNonEmpty(restored));
    }

    SortedMap<String, SortedMap<String, Object>> contents() {
        store.checkNotClosed();
        store.loadRestoredEntries();
        SortedMap<String, SortedMap<String, Object>> result = new TreeMap<>();
        EntryScanner scanner = scanner();
        for (RocksState state : store.states().values()) {
            if (state.handle == null) {
                continue;
            }
            SortedMap<String, Object> entries = new TreeMap<>();
            scanner.forEachEntry(state, (keyGroup, key, value) -> {
                String printed = String.valueOf(key);
                if (entries.put(printed, state.copyForContents(value)) != null) {
                    throw new IllegalStateException("state '" + state.name + "' has two keys that both print as '"
                            + printed + "'; contents() cannot tell them apart");
                }
            });
            if (!entries.isEmpty()) {
                result.put(state.name, Collections.unmodifiableSortedMap(entries));
            }
        }
        return Collections.unmodifiableSortedMap(result);
    }

    /** Counts by scanning every column family. */
    long numberOfEntries() {
        store.checkNotClosed();
        store.loadRestoredEntries();
        long count = 0;
        EntryScanner scanner = scanner();
        for (RocksState state : store.states().values()) {
            if (state.handle != null) {
                count += scanner.countKeys(state);
            }
        }
        return count;
    }

    /** A scanner of the current database; only asked for when a state has a column family, so a database exists. */
    private EntryScanner scanner() {
        RocksDatabase database = store.database();
        return database == null ? null : new EntryScanner(database, store.options());
    }
}
