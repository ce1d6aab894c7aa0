package io.snapsim.rocksdb;

import io.snapsim.core.state.StateKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Full scans of a state's column family, each key's value assembled (the value, a list, or a map
 * in encoded map key order): what canonical snapshots and {@code contents()} are built from.
 * Confined to the owning task.
 */
final class EntryScanner {

    /** Receives one key's entry. */
    interface EntryConsumer {
        void accept(int keyGroup, Object key, Object value);
    }

    private final RocksDB db;
    private final RocksOptions options;
    private final ByteReader reader = new ByteReader();

    EntryScanner(RocksDatabase database, RocksOptions options) {
        this.db = database.db;
        this.options = options;
    }

    /** Every (key, value) of {@code state}, in key order. */
    void forEachEntry(RocksState state, EntryConsumer consumer) {
        try (RocksIterator iterator = db.newIterator(state.handle, options.scan)) {
            if (state.kind == StateKind.MAP) {
                forEachMap(state, iterator, consumer);
            } else {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    byte[] value = iterator.value();
                    Object decodedKey = decode(key, 2, key.length - 2, state.name);
                    Object decodedValue = state.kind == StateKind.LIST
                            ? decodeElements(value, state.name) : decode(value, 0, value.length, state.name);
                    consumer.accept(StateAccess.keyGroupOf(key), decodedKey, decodedValue);
                }
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("scan state '" + state.name + "'", e);
        }
    }

    private void forEachMap(RocksState state, RocksIterator iterator, EntryConsumer consumer) {
        byte[] prefix = null;
        int prefixLength = 0;
        Object key = null;
        Map<Object, Object> map = null;
        for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
            byte[] compositeKey = iterator.key();
            if (prefix == null || !StateAccess.startsWith(compositeKey, prefix, prefixLength)) {
                if (map != null) {
                    consumer.accept(StateAccess.keyGroupOf(prefix), key, map);
                }
                reader.reset(compositeKey, 2, compositeKey.length - 2);
                key = reader.decode(state.name);
                prefix = compositeKey;
                prefixLength = reader.position();
                map = new LinkedHashMap<>();
            }
            byte[] value = iterator.value();
            map.put(decode(compositeKey, prefixLength, compositeKey.length - prefixLength, state.name),
                    decode(value, 0, value.length, state.name));
        }
        if (map != null) {
            consumer.accept(StateAccess.keyGroupOf(prefix), key, map);
        }
    }

    /** The number of keys with an entry in the state; for a map state, keys rather than map entries. */
    long countKeys(RocksState state) {
        long count = 0;
        try (RocksIterator iterator = db.newIterator(state.handle, options.scan)) {
            byte[] prefix = null;
            int prefixLength = 0;
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                if (state.kind != StateKind.MAP) {
                    count++;
                    continue;
                }
                byte[] compositeKey = iterator.key();
                if (prefix == null || !StateAccess.startsWith(compositeKey, prefix, prefixLength)) {
                    reader.reset(compositeKey, 2, compositeKey.length - 2);
                    reader.decode(state.name);
                    prefix = compositeKey;
                    prefixLength = reader.position();
                    count++;
                }
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("scan state '" + state.name + "'", e);
        }
        return count;
    }

    private Object decode(byte[] bytes, int offset, int length, String stateName) {
        reader.reset(bytes, offset, length);
        return reader.decode(stateName);
    }

    private List<Object> decodeElements(byte[] bytes, String stateName) {
        reader.reset(bytes, 0, bytes.length);
        List<Object> elements = new ArrayList<>();
        while (reader.hasMore()) {
            elements.add(reader.decode(stateName));
        }
        return elements;
    }
}
