package io.snapsim.rocksdb;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyedStateSnapshotFormat.StateTable;
import io.snapsim.core.state.StateKind;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Entries of canonical snapshots that a backend restored and has not written into a database yet:
 * it writes them when the state is first used, so that a restore that is never used costs no
 * database. Immutable once made; the tables are the restore's own copies.
 */
final class RestoredEntries {
    private static final long WRITE_BATCH_BYTES = 4L << 20;

    private final SortedMap<String, StateTable> tables;

    private RestoredEntries(SortedMap<String, StateTable> tables) {
        this.tables = tables;
    }

    /** The entries of {@code tables}, or null when they hold none. */
    static RestoredEntries ofNonEmpty(SortedMap<String, StateTable> tables) {
        for (StateTable table : tables.values()) {
            for (Map<Object, Object> entries : table.tables()) {
                if (entries != null && !entries.isEmpty()) {
                    return new RestoredEntries(tables);
                }
            }
        }
        return null;
    }

    /** Writes the entries into {@code target}, whose column families are those of {@code states}, in write batches. */
    void writeInto(RocksDatabase target, SortedMap<String, RocksState> states, KeyGroupRange range,
                   RocksOptions options) {
        ByteWriter key = new ByteWriter(64);
        ByteWriter entryKey = new ByteWriter(128);
        ByteWriter value = new ByteWriter(256);
        try (WriteBatch batch = new WriteBatch()) {
            for (StateTable table : tables.values()) {
                RocksState state = states.get(table.name());
                ColumnFamilyHandle handle = target.handle(state.name);
                Map<Object, Object>[] byKeyGroup = table.tables();
                for (int i = 0; i < byKeyGroup.length; i++) {
                    if (byKeyGroup[i] == null) {
                        continue;
                    }
                    for (Map.Entry<Object, Object> entry : byKeyGroup[i].entrySet()) {
                        key.reset();
                        key.writeKeyGroup(range.start() + i);
                        key.encode(entry.getKey());
                        if (state.kind == StateKind.MAP) {
                            putMap(batch, handle, key, entryKey, value, (Map<?, ?>) entry.getValue());
                        } else {
                            putValue(batch, handle, key, value, state.kind, entry.getValue());
                        }
                        if (batch.getDataSize() >= WRITE_BATCH_BYTES) {
                            target.db.write(options.write, batch);
                            batch.clear();
                        }
                    }
                }
            }
            target.db.write(options.write, batch);
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("write restored state", e);
        }
    }

    private static void putMap(WriteBatch batch, ColumnFamilyHandle handle, ByteWriter key, ByteWriter entryKey,
                               ByteWriter value, Map<?, ?> map) throws RocksDBException {
        for (Map.Entry<?, ?> mapEntry : map.entrySet()) {
            entryKey.reset();
            entryKey.write(key.array(), 0, key.length());
            entryKey.encode(mapEntry.getKey());
            value.reset();
            value.encode(mapEntry.getValue());
            batch.put(handle, entryKey.toByteArray(), value.toByteArray());
        }
    }

    private static void putValue(WriteBatch batch, ColumnFamilyHandle handle, ByteWriter key, ByteWriter value,
                                 StateKind kind, Object entry) throws RocksDBException {
        value.reset();
        if (kind == StateKind.LIST) {
            for (Object element : (List<?>) entry) {
                value.encode(element);
            }
        } else {
            value.encode(entry);
        }
        batch.put(handle, key.toByteArray(), value.toByteArray());
    }
}
