package io.snapsim.core.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical, key-group-partitioned keyed state snapshot format, shared by every keyed state
 * backend so that a snapshot written by one can be restored by another, at any parallelism.
 *
 * <pre>
 * snapshot   := version:u8 (=1)  maxParallelism:i32  stateCount:i32  state*        (states by name)
 * state      := name:string  kind:u8  groupCount:i32  keyGroup*                    (groups ascending)
 * keyGroup   := keyGroupId:i32  entryCount:i32  byteLength:i32  (key value)*       (keys by encoding)
 * </pre>
 * Strings, keys and values use {@link ValueCodec}; a map state's map is written with its entries
 * ordered by encoded key. Only key groups that hold data are written. Because everything is
 * ordered, equal state gives equal bytes, whatever the backend or the history. The byte length
 * lets a reader skip key groups outside its range without decoding them.
 *
 * <p>Public so that state backends in other modules (snapsim-rocksdb) write and read the same
 * bytes; jobs never use it directly.
 *
 * <p>Stateless; the tables passed in must not change while a snapshot is written.
 */
public final class KeyedStateSnapshotFormat {
    static final int VERSION = 1;
    private static final String CORRUPT = "corrupt keyed state snapshot: ";

    /**
     * One state's entries: {@code tables[keyGroup - range.start()]} maps key to value (the value,
     * a non-empty list, or a non-empty map, by kind). Tables may be null for key groups without data.
     */
    public record StateTable(String name, StateKind kind, KeyGroupRange range, Map<Object, Object>[] tables) {}

    private KeyedStateSnapshotFormat() {}

    /** Writes the given states, which must be sorted by name and distinct. */
    public static byte[] write(int maxParallelism, Collection<StateTable> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        ByteArrayOutputStream groupBytes = new ByteArrayOutputStream();
        DataOutputStream groupOut = new DataOutputStream(groupBytes);
        try {
            out.writeByte(VERSION);
            out.writeInt(maxParallelism);
            out.writeInt(states.size());
            for (StateTable state : states) {
                ValueCodec.writeString(out, state.name());
                out.writeByte(state.kind().code);
                Map<Object, Object>[] tables = state.tables();
                out.writeInt(countNonEmpty(tables));
                for (int i = 0; i < tables.length; i++) {
                    if (tables[i] == null || tables[i].isEmpty()) {
                        continue;
                    }
                    groupBytes.reset();
                    writeEntries(groupOut, state, tables[i]);
                    out.writeInt(state.range().start() + i);
                    out.writeInt(tables[i].size());
                    out.writeInt(groupBytes.size());
                    groupBytes.writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to a byte array", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads every snapshot and keeps the entries whose key group lies in {@code range}, into fresh
     * hash maps, by state name. Nothing is returned unless every snapshot is well formed.
     *
     * @throws IllegalArgumentException {@code "corrupt keyed state snapshot: ..."} for bad bytes;
     *     also when the snapshots disagree with each other or with {@code maxParallelism}
     */
    public static SortedMap<String, StateTable> read(List<byte[]> snapshots, KeyGroupRange range, int maxParallelism) {
        SortedMap<String, StateTable> result = new TreeMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            String which = "snapshot " + (i + 1) + " of " + snapshots.size();
            byte[] snapshot = snapshots.get(i);
            if (snapshot == null) {
                throw new IllegalArgumentException(CORRUPT + which + " is null");
            }
            try {
                readOne(snapshot, which, range, maxParallelism, result);
            } catch (EOFException e) {
                throw new IllegalArgumentException(CORRUPT + which + " is truncated (" + snapshot.length + " bytes)", e);
            } catch (IOException e) {
                throw new IllegalArgumentException(CORRUPT + which + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static void writeEntries(DataOutputStream out, StateTable state, Map<Object, Object> table)
            throws IOException {
        record Encoded(byte[] key, Object value) {}
        List<Encoded> entries = new ArrayList<>(table.size());
        for (Map.Entry<Object, Object> entry : table.entrySet()) {
            entries.add(new Encoded(encodeKey(state, entry.getKey()), entry.getValue()));
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        for (Encoded entry : entries) {
            out.write(entry.key());
            try {
                if (state.kind() == StateKind.MAP) {
                    ValueCodec.writeMapSortedByEncodedKey(out, (Map<?, ?>) entry.value());
                } else {
                    ValueCodec.write(out, entry.value());
                }
            } catch (IllegalArgumentException e) {
                throw cannotSnapshot(state, entry.key(), e);
            }
        }
    }

    private static byte[] encodeKey(StateTable state, Object key) {
        try {
            return ValueCodec.toBytes(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot snapshot state '" + state.name() + "' for key " + key + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException cannotSnapshot(StateTable state, byte[] encodedKey, RuntimeException e) {
        return new IllegalArgumentException("cannot snapshot state '" + state.name() + "' for key "
                + ValueCodec.fromBytes(encodedKey) + ": " + e.getMessage(), e);
    }

    private static int countNonEmpty(Map<Object, Object>[] tables) {
        int count = 0;
        for (Map<Object, Object> table : tables) {
            if (table != null && !table.isEmpty()) {
                count++;
            }
        }
        return count;
    }

    private static void readOne(byte[] snapshot, String which, KeyGroupRange range, int maxParallelism,
            SortedMap<String, StateTable> result) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(snapshot);
        DataInputStream in = new DataInputStream(stream);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unknown format version " + version + " (this build reads version " + VERSION + ")");
        }
        int snapshotMaxParallelism = in.readInt();
        if (snapshotMaxParallelism < 1 || snapshotMaxParallelism > KeyGroups.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IOException("bad max parallelism " + snapshotMaxParallelism);
        }
        if (snapshotMaxParallelism != maxParallelism) {
            throw new IllegalArgumentException("keyed state " + which + " was taken with max parallelism "
                    + snapshotMaxParallelism + ", but this backend has max parallelism " + maxParallelism
                    + "; the max parallelism of a job cannot change across a restore");
        }
        int stateCount = readCount(in, "state count");
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < stateCount; s++) {
            String name = ValueCodec.readString(in);
            if (!seen.add(name)) {
                throw new IOException("state '" + name + "' appears twice");
            }
            int code = in.readUnsignedByte();
            StateKind kind = StateKind.ofCode(code);
            if (kind == null) {
                throw new IOException("state '" + name + "' has unknown kind " + code);
            }
            StateTable table = result.computeIfAbsent(name, n -> newTable(n, kind, range));
            if (table.kind() != kind) {
                throw new IllegalArgumentException("keyed state snapshots disagree: state '" + name + "' is a "
                        + table.kind() + " state in one and a " + kind + " state in " + which);
            }
            readKeyGroups(in, stream, snapshot.length, table, maxParallelism);
        }
        if (stream.available() > 0) {
            throw new IOException(stream.available() + " trailing bytes after the last state");
        }
    }

    private static void readKeyGroups(DataInputStream in, ByteArrayInputStream stream, int totalLength,
            StateTable table, int maxParallelism) throws IOException {
        int groupCount = readCount(in, "key group count of state '" + table.name() + "'");
        int previous = -1;
        for (int g = 0; g < groupCount; g++) {
            int keyGroup = in.readInt();
            if (keyGroup <= previous || keyGroup >= maxParallelism) {
                throw new IOException("state '" + table.name() + "' has key group " + keyGroup + " after "
                        + previous + " (key groups must ascend within [0, " + maxParallelism + "))");
            }
            previous = keyGroup;
            int entryCount = readCount(in, "entry count");
            int byteLength = readCount(in, "byte length");
            if (byteLength > stream.available()) {
                throw new EOFException();
            }
            if (!table.range().contains(keyGroup)) {
                in.skipNBytes(byteLength);
                continue;
            }
            int startPosition = totalLength - stream.available();
            Map<Object, Object> entries = table.tables()[keyGroup - table.range().start()];
            for (int e = 0; e < entryCount; e++) {
                readEntry(in, table, keyGroup, maxParallelism, entries);
            }
            int consumed = totalLength - stream.available() - startPosition;
            if (consumed != byteLength) {
                throw new IOException("key group " + keyGroup + " of state '" + table.name() + "' declares "
                        + byteLength + " bytes but its entries take " + consumed);
            }
        }
    }

    private static void readEntry(DataInputStream in, StateTable table, int keyGroup, int maxParallelism,
            Map<Object, Object> entries) throws IOException {
        Object key = ValueCodec.read(in);
        Object value = ValueCodec.read(in);
        checkKeyGroup(key, table, keyGroup, maxParallelism);
        Object stored = checkedValue(table, key, value);
        if (stored == null) {
            return;
        }
        if (entries.putIfAbsent(key, stored) != null) {
            throw new IllegalArgumentException("keyed state snapshots overlap: key " + key + " of state '"
                    + table.name() + "' appears more than once");
        }
    }

    private static void checkKeyGroup(Object key, StateTable table, int keyGroup, int maxParallelism)
            throws IOException {
        int expected;
        try {
            expected = KeyGroups.assignToKeyGroup(key, maxParallelism);
        } catch (RuntimeException e) {
            throw new IOException("state '" + table.name() + "' has an invalid key " + key + ": " + e.getMessage());
        }
        if (expected != keyGroup) {
            throw new IOException("key " + key + " of state '" + table.name() + "' is stored in key group "
                    + keyGroup + " but hashes to key group " + expected
                    + " (was the snapshot written with another hash function, or is the key's hashCode unstable?)");
        }
    }

    /** The value to store for an entry, or null to drop an empty one. */
    private static Object checkedValue(StateTable table, Object key, Object value) throws IOException {
        if (value == null) {
            throw new IOException("key " + key + " of state '" + table.name() + "' has a null value");
        }
        switch (table.kind()) {
            case LIST:
                if (!(value instanceof List<?> list)) {
                    throw new IOException("key " + key + " of list state '" + table.name() + "' holds a "
                            + value.getClass().getName() + ", not a list");
                }
                return list.isEmpty() ? null : new ArrayList<>(list);
            case MAP:
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IOException("key " + key + " of map state '" + table.name() + "' holds a "
                            + value.getClass().getName() + ", not a map");
                }
                return map.isEmpty() ? null : new HashMap<>(map);
            default:
                return value;
        }
    }

    private static int readCount(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative " + what + " " + count);
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static StateTable newTable(String name, StateKind kind, KeyGroupRange range) {
        Map<Object, Object>[] tables = new Map[range.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new HashMap<>();
        }
        return new StateTable(name, kind, range, tables);
    }
}
