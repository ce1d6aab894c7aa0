package io.snapsim.rocksdb;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The path of every point read and write of a backend's state objects: the current key, encoded
 * once as {@code [key group: 2 bytes][codec bytes]} when it is set, and the buffers that keys and
 * values are encoded into and read back from, reused so that a point read or write allocates only
 * what decoding the value needs. The database is its store's current one.
 *
 * <p>Confined to the owning task: the buffers are shared by every state object of the backend.
 */
final class StateAccess {
    private static final int NO_KEY = -1;

    private final RocksStore store;
    private final KeyGroupRange range;
    private final int maxParallelism;
    private Object currentKey;
    /** The current key's key group, or {@link #NO_KEY}. */
    private int currentKeyGroup = NO_KEY;
    /** {@code [key group][codec bytes]} of the current key. */
    private ByteWriter keyBytes = new ByteWriter(64);
    /** Where the next key is encoded, so that a key that cannot be encoded leaves the current one. */
    private ByteWriter spareKeyBytes = new ByteWriter(64);
    private final ByteWriter compositeKeyBytes = new ByteWriter(128);
    private final ByteWriter valueBytes = new ByteWriter(256);
    private byte[] readBuffer = new byte[256];
    private final ByteReader reader = new ByteReader();

    StateAccess(RocksStore store, KeyGroupRange range, int maxParallelism) {
        this.store = store;
        this.range = range;
        this.maxParallelism = maxParallelism;
    }

    // ---------------------------------------------------------------- the current key

    void setCurrentKey(Object key) {
        int keyGroup = KeyGroups.assignToKeyGroup(key, maxParallelism);
        if (!range.contains(keyGroup)) {
            throw new IllegalStateException("key " + key + " belongs to key group " + keyGroup
                    + ", which is outside this backend's key group range [" + range.start() + ", " + range.end()
                    + "] (max parallelism " + maxParallelism + ")");
        }
        ByteWriter encoded = spareKeyBytes;
        encoded.reset();
        encoded.writeKeyGroup(keyGroup);
        try {
            encoded.encode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use " + key + " as a key of RocksDB state: " + e.getMessage(), e);
        }
        spareKeyBytes = keyBytes;
        keyBytes = encoded;
        currentKey = key;
        currentKeyGroup = keyGroup;
    }

    Object currentKey() {
        return currentKey;
    }

    /** Forgets the current key (after a restore, or when the backend closes). */
    void clearCurrentKey() {
        currentKey = null;
        currentKeyGroup = NO_KEY;
    }

    /** {@code [key group][codec bytes]} of the current key. */
    ByteWriter keyBytes() {
        return keyBytes;
    }

    /** Fails unless there is a current key; the closed check is on this slow path only. */
    void requireCurrentKey(String stateName) {
        if (currentKeyGroup == NO_KEY) {
            store.checkNotClosed();
            throw new IllegalStateException("no current key: call setCurrentKey before using state '" + stateName + "'");
        }
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes {@code value} into the value buffer, naming the state and key if it cannot be encoded. */
    ByteWriter encodeValue(String stateName, Object value) {
        valueBytes.reset();
        try {
            valueBytes.encode(value);
        } catch (IllegalArgumentException e) {
            throw cannotStore(stateName, e);
        }
        return valueBytes;
    }

    /** Encodes {@code values} one after the other into the value buffer (codec values delimit themselves). */
    ByteWriter encodeValues(String stateName, List<?> values) {
        valueBytes.reset();
        try {
            for (Object value : values) {
                valueBytes.encode(value);
            }
        } catch (IllegalArgumentException e) {
            throw cannotStore(stateName, e);
        }
        return valueBytes;
    }

    /** {@code [current key][codec bytes of userKey]} in the composite key buffer. */
    ByteWriter compositeKey(Object userKey) {
        ByteWriter composite = compositeKeyBytes;
        composite.reset();
        composite.write(keyBytes.array(), 0, keyBytes.length());
        composite.encode(userKey);
        return composite;
    }

    IllegalArgumentException cannotStore(String stateName, IllegalArgumentException e) {
        return new IllegalArgumentException("cannot store state '" + stateName + "' for key " + currentKey + ": "
                + e.getMessage(), e);
    }

    Object decode(byte[] bytes, int offset, int length, String stateName) {
        reader.reset(bytes, offset, length);
        return reader.decode(stateName);
    }

    List<Object> decodeElements(byte[] bytes, int offset, int length, String stateName) {
        reader.reset(bytes, offset, length);
        List<Object> elements = new ArrayList<>();
        while (reader.hasMore()) {
            elements.add(reader.decode(stateName));
        }
        return elements;
    }

    // ---------------------------------------------------------------- the database

    RocksDB db() {
        return store.database().db;
    }

    RocksOptions options() {
        return store.options();
    }

    /** Reads the value under {@code key} into the read buffer ({@link #readBuffer()}): its length, or -1 when absent. */
    int read(ColumnFamilyHandle handle, ByteWriter key) {
        try {
            RocksDB db = db();
            int length = db.get(handle, options().pointRead, key.array(), 0, key.length(), readBuffer, 0,
                    readBuffer.length);
            if (length > readBuffer.length) {
                readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
                length = db.get(handle, options().pointRead, key.array(), 0, key.length(), readBuffer, 0,
                        readBuffer.length);
            }
            return length;
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("read state", e);
        }
    }

    /** What the last {@link #read} read. */
    byte[] readBuffer() {
        return readBuffer;
    }

    void put(ColumnFamilyHandle handle, ByteWriter key, ByteWriter value) {
        try {
            db().put(handle, options().write, key.array(), 0, key.length(), value.array(), 0, value.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("write state", e);
        }
    }

    void merge(ColumnFamilyHandle handle, ByteWriter key, ByteWriter value) {
        try {
            db().merge(handle, options().write, key.array(), 0, key.length(), value.array(), 0, value.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("append to list state", e);
        }
    }

    void delete(ColumnFamilyHandle handle, ByteWriter key) {
        try {
            db().delete(handle, options().write, key.array(), 0, key.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("delete state", e);
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix, int prefixLength) {
        return bytes.length >= prefixLength && Arrays.equals(bytes, 0, prefixLength, prefix, 0, prefixLength);
    }

    static int keyGroupOf(byte[] key) {
        return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
    }
}
