package io.snapsim.rocksdb;

import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.state.StateKind;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * A map state: one RocksDB entry per map entry, under {@code [key group][key][codec bytes of the map
 * key]}, found by a prefix scan. A codec encoding is never a prefix of another, so the prefix of one
 * key never matches another key's entries. Confined to the owning task.
 */
final class RocksMapState<K, V> extends RocksState implements MapState<K, V> {

    RocksMapState(String name, StateDescriptor descriptor, RocksStore store) {
        super(name, StateKind.MAP, store);
        attach(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        access.requireCurrentKey(name);
        ColumnFamilyHandle column = readableHandle();
        ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
        if (composite == null) {
            return null;
        }
        int length = access.read(column, composite);
        return length < 0 ? null : (V) access.decode(access.readBuffer(), 0, length, name);
    }

    @Override
    public void put(K key, V value) {
        access.requireCurrentKey(name);
        if (key == null) {
            throw new NullPointerException("map state '" + name + "' does not accept null keys");
        }
        ByteWriter composite;
        try {
            composite = access.compositeKey(key);
        } catch (IllegalArgumentException e) {
            throw access.cannotStore(name, e);
        }
        ByteWriter encoded = access.encodeValue(name, value);
        access.put(writableHandle(), composite, encoded);
    }

    @Override
    public void remove(K key) {
        access.requireCurrentKey(name);
        ColumnFamilyHandle column = readableHandle();
        ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
        if (composite != null) {
            access.delete(column, composite);
        }
    }

    @Override
    public boolean contains(K key) {
        access.requireCurrentKey(name);
        ColumnFamilyHandle column = readableHandle();
        ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
        return composite != null && access.read(column, composite) >= 0;
    }

    @Override
    public Map<K, V> entries() {
        access.requireCurrentKey(name);
        Map<K, V> entries = new LinkedHashMap<>();
        if (readableHandle() != null) {
            scanCurrentKey((compositeKey, value) -> entries.put(decodeMapKey(compositeKey), decodeValue(value)));
        }
        return sortedCopy(entries);
    }

    @Override
    public boolean isEmpty() {
        access.requireCurrentKey(name);
        if (readableHandle() == null) {
            return true;
        }
        ByteWriter key = access.keyBytes();
        try (RocksIterator iterator = access.db().newIterator(handle, access.options().pointRead)) {
            iterator.seek(Arrays.copyOf(key.array(), key.length()));
            boolean empty = !iterator.isValid() || !StateAccess.startsWith(iterator.key(), key.array(), key.length());
            iterator.status();
            return empty;
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("scan map state '" + name + "'", e);
        }
    }

    @Override
    public void clear() {
        access.requireCurrentKey(name);
        if (readableHandle() == null) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            scanCurrentKey((compositeKey, value) -> deleteIn(batch, compositeKey));
            access.db().write(access.options().write, batch);
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("clear map state '" + name + "'", e);
        }
    }

    @Override
    Object copyForContents(Object decoded) {
        return Collections.unmodifiableMap(sortedCopy((Map<?, ?>) decoded));
    }

    /** A copy sorted by key when the keys are comparable with each other, in the given order otherwise. */
    static <A, B> Map<A, B> sortedCopy(Map<A, B> map) {
        for (A key : map.keySet()) {
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

    private void deleteIn(WriteBatch batch, byte[] compositeKey) {
        try {
            batch.delete(handle, compositeKey);
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("clear map state '" + name + "'", e);
        }
    }

    /** The composite key, or null if {@code key} cannot be encoded (so it cannot be in the map). */
    private ByteWriter compositeKeyOrNull(K key) {
        try {
            return access.compositeKey(key);
        } catch (IllegalArgumentException unencodable) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private K decodeMapKey(byte[] compositeKey) {
        int prefixLength = access.keyBytes().length();
        return (K) access.decode(compositeKey, prefixLength, compositeKey.length - prefixLength, name);
    }

    @SuppressWarnings("unchecked")
    private V decodeValue(byte[] value) {
        return (V) access.decode(value, 0, value.length, name);
    }

    /** Every entry of the current key's map, in encoded map key order. */
    private void scanCurrentKey(BiConsumer<byte[], byte[]> consumer) {
        ByteWriter key = access.keyBytes();
        byte[] prefix = Arrays.copyOf(key.array(), key.length());
        try (RocksIterator iterator = access.db().newIterator(handle, access.options().pointRead)) {
            for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                byte[] compositeKey = iterator.key();
                if (!StateAccess.startsWith(compositeKey, prefix, prefix.length)) {
                    break;
                }
                consumer.accept(compositeKey, iterator.value());
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("scan map state '" + name + "'", e);
        }
    }
}
