package io.snapsim.rocksdb;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.StateKind;
import io.snapsim.core.state.ValueCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * One open RocksDB instance in its own directory: a column family per state, and the default
 * column family holding the metadata that makes the directory self-describing, so that a copy of it
 * (a native checkpoint) can be reopened without anything else.
 *
 * <pre>
 * metadata key [0]                      → version:u8 (=1) maxParallelism:i32 rangeStart:i32 rangeEnd:i32
 * metadata key [1] ++ codec(stateName)  → kind:u8 ('V', 'L' or 'M') ++ column family name (ASCII)
 * </pre>
 * Column families are named {@code s0, s1, ...}: state names are arbitrary strings, while RocksDB
 * writes column family names into its text OPTIONS file.
 *
 * <p>Confined to the owning backend.
 */
final class RocksDatabase {
    private static final byte HEADER = 0;
    private static final byte STATE = 1;
    private static final int METADATA_VERSION = 1;

    final RocksDB db;
    final Path directory;
    final KeyGroupRange range;
    final int maxParallelism;
    private final RocksOptions options;
    private final ColumnFamilyHandle metadata;
    private final List<ColumnFamilyHandle> allHandles;
    private final Map<String, ColumnFamilyHandle> handlesByState = new HashMap<>();
    private final SortedMap<String, StateKind> kinds = new TreeMap<>();
    private int nextColumnFamily;

    private RocksDatabase(RocksDB db, Path directory, RocksOptions options, KeyGroupRange range, int maxParallelism,
            List<ColumnFamilyHandle> handles) {
        this.db = db;
        this.directory = directory;
        this.options = options;
        this.range = range;
        this.maxParallelism = maxParallelism;
        this.metadata = handles.get(0);
        this.allHandles = new ArrayList<>(handles);
    }

    /** Creates a new, empty database in {@code directory} (which must not exist) with a column family per state. */
    static RocksDatabase create(Path directory, RocksOptions options, KeyGroupRange range, int maxParallelism,
            Map<String, StateKind> states) {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.columnFamily));
        for (int i = 0; i < states.size(); i++) {
            descriptors.add(new ColumnFamilyDescriptor(columnFamilyName(i), options.columnFamily));
        }
        StateFiles.createDirectories(directory.getParent());
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(options.database, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            throw failure("create a database in " + directory, e);
        }
        RocksDatabase database = new RocksDatabase(db, directory, options, range, maxParallelism, handles);
        try {
            database.put(new byte[] {HEADER}, header(range, maxParallelism));
            int index = 0;
            for (Map.Entry<String, StateKind> state : states.entrySet()) {
                database.nextColumnFamily = index + 1;
                database.bind(state.getKey(), state.getValue(), handles.get(index + 1), columnFamilyName(index));
                index++;
            }
        } catch (RuntimeException e) {
            database.closeAndDelete();
            throw e;
        }
        return database;
    }

    /**
     * Opens the database that a native checkpoint left in {@code directory}, with every column
     * family it has, and reads its metadata.
     *
     * @throws IllegalArgumentException if the directory holds no snapsim metadata or corrupt metadata
     */
    static RocksDatabase open(Path directory, RocksOptions options) {
        List<byte[]> names = columnFamilyNames(directory);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (byte[] name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name, options.columnFamily));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(options.database, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            throw failure("open the database in " + directory, e);
        }
        Map<String, ColumnFamilyHandle> byName = new HashMap<>();
        int defaultIndex = -1;
        for (int i = 0; i < names.size(); i++) {
            if (Arrays.equals(names.get(i), RocksDB.DEFAULT_COLUMN_FAMILY)) {
                defaultIndex = i;
            }
            byName.put(new String(names.get(i), StandardCharsets.US_ASCII), handles.get(i));
        }
        List<ColumnFamilyHandle> ordered = new ArrayList<>(handles);
        Collections.swap(ordered, 0, Math.max(defaultIndex, 0));
        try {
            RocksDatabase database = withMetadata(db, directory, options, ordered);
            database.readStates(byName);
            return database;
        } catch (RocksDBException e) {
            closeAll(db, handles);
            throw failure("read the metadata in " + directory, e);
        } catch (RuntimeException e) {
            closeAll(db, handles);
            throw e;
        }
    }

    private static List<byte[]> columnFamilyNames(Path directory) {
        try (Options listing = new Options()) {
            return RocksDB.listColumnFamilies(listing, directory.toString());
        } catch (RocksDBException e) {
            throw failure("list the column families in " + directory, e);
        }
    }

    /** The opened database, with the key groups and max parallelism its metadata header records. */
    private static RocksDatabase withMetadata(RocksDB db, Path directory, RocksOptions options,
                                              List<ColumnFamilyHandle> ordered) throws RocksDBException {
        byte[] header = db.get(ordered.get(0), new byte[] {HEADER});
        if (header == null || header.length != 13 || header[0] != METADATA_VERSION) {
            throw new IllegalArgumentException("the database in " + directory
                    + " has no snapsim metadata (or metadata of an unknown version); it is not a snapsim checkpoint");
        }
        ByteBuffer fields = ByteBuffer.wrap(header, 1, 12);
        int maxParallelism = fields.getInt();
        KeyGroupRange range = new KeyGroupRange(fields.getInt(), fields.getInt());
        return new RocksDatabase(db, directory, options, range, maxParallelism, ordered);
    }

    /** The column family of a state, or null if this database has none for it. */
    ColumnFamilyHandle handle(String stateName) {
        return handlesByState.get(stateName);
    }

    /** Every state this database has a column family for, with its kind. */
    SortedMap<String, StateKind> stateKinds() {
        return Collections.unmodifiableSortedMap(kinds);
    }

    /** Creates the column family of a new state and records it in the metadata. */
    ColumnFamilyHandle addState(String name, StateKind kind) {
        byte[] columnFamilyName = columnFamilyName(nextColumnFamily);
        ColumnFamilyHandle handle;
        try {
            handle = db.createColumnFamily(new ColumnFamilyDescriptor(columnFamilyName, options.columnFamily));
        } catch (RocksDBException e) {
            throw failure("create a column family for state '" + name + "'", e);
        }
        nextColumnFamily++;
        allHandles.add(handle);
        bind(name, kind, handle, columnFamilyName);
        return handle;
    }

    /** Writes every memtable to SST files and waits, so that the files hold all state. */
    void flush() {
        try {
            db.flush(options.flush, allHandles);
        } catch (RocksDBException e) {
            throw failure("flush the memtables", e);
        }
    }

    /** A RocksDB checkpoint of the flushed database in {@code target}, which must not exist. */
    void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw failure("create a native checkpoint in " + target, e);
        }
    }

    /** Compacts every column family fully, as background compaction eventually would. */
    void compactAll() {
        try {
            for (ColumnFamilyHandle handle : allHandles) {
                db.compactRange(handle);
            }
        } catch (RocksDBException e) {
            throw failure("compact", e);
        }
    }

    void close() {
        closeAll(db, allHandles);
    }

    void closeAndDelete() {
        close();
        StateFiles.deleteRecursively(directory);
    }

    static UncheckedIOException failure(String action, RocksDBException e) {
        return new UncheckedIOException(new IOException("RocksDB failed to " + action + ": " + e.getMessage(), e));
    }

    private void bind(String name, StateKind kind, ColumnFamilyHandle handle, byte[] columnFamilyName) {
        byte[] value = new byte[1 + columnFamilyName.length];
        value[0] = kindCode(kind);
        System.arraycopy(columnFamilyName, 0, value, 1, columnFamilyName.length);
        put(stateKey(name), value);
        handlesByState.put(name, handle);
        kinds.put(name, kind);
    }

    private void readStates(Map<String, ColumnFamilyHandle> byColumnFamilyName) {
        int highest = -1;
        try (RocksIterator iterator = db.newIterator(metadata, options.scan)) {
            for (iterator.seek(new byte[] {STATE}); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                byte[] value = iterator.value();
                if (key[0] != STATE || value.length < 2) {
                    throw new IllegalArgumentException("corrupt snapsim metadata in " + directory);
                }
                Object name = ValueCodec.fromBytes(Arrays.copyOfRange(key, 1, key.length));
                StateKind kind = kindOf(value[0]);
                String columnFamily = new String(value, 1, value.length - 1, StandardCharsets.US_ASCII);
                ColumnFamilyHandle handle = byColumnFamilyName.get(columnFamily);
                if (!(name instanceof String stateName) || kind == null || handle == null) {
                    throw new IllegalArgumentException("corrupt snapsim metadata in " + directory
                            + ": state " + name + " names column family " + columnFamily);
                }
                handlesByState.put(stateName, handle);
                kinds.put(stateName, kind);
                highest = Math.max(highest, Integer.parseInt(columnFamily.substring(1)));
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw failure("read the metadata in " + directory, e);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt snapsim metadata in " + directory + ": " + e, e);
        }
        nextColumnFamily = highest + 1;
    }

    private void put(byte[] key, byte[] value) {
        try {
            db.put(metadata, options.write, key, value);
        } catch (RocksDBException e) {
            throw failure("write metadata", e);
        }
    }

    private static byte[] header(KeyGroupRange range, int maxParallelism) {
        return ByteBuffer.allocate(13).put((byte) METADATA_VERSION).putInt(maxParallelism)
                .putInt(range.start()).putInt(range.end()).array();
    }

    private static byte[] stateKey(String name) {
        byte[] encoded = ValueCodec.toBytes(name);
        byte[] key = new byte[encoded.length + 1];
        key[0] = STATE;
        System.arraycopy(encoded, 0, key, 1, encoded.length);
        return key;
    }

    private static byte[] columnFamilyName(int index) {
        return ("s" + index).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte kindCode(StateKind kind) {
        switch (kind) {
            case VALUE:
                return 'V';
            case LIST:
                return 'L';
            default:
                return 'M';
        }
    }

    private static StateKind kindOf(byte code) {
        switch (code) {
            case 'V':
                return StateKind.VALUE;
            case 'L':
                return StateKind.LIST;
            case 'M':
                return StateKind.MAP;
            default:
                return null;
        }
    }

    private static void closeAll(RocksDB db, List<ColumnFamilyHandle> handles) {
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
    }
}
