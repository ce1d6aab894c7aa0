package io.snapsim.rocksdb;

import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.StateKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one backend holds: its instance directory, the registered states, and the database behind
 * them. The database is created on first use (a backend that only ever reads, or fails to restore,
 * holds no native resources but its option objects), in a new directory {@code db-N} of the
 * instance directory each time one replaces another (a restore). Canonical entries restored and not
 * yet used wait in {@link RestoredEntries} until then. Also keeps which files the database's native
 * checkpoints uploaded ({@link UploadedFiles}), since those are valid only for the database that
 * made them.
 *
 * <p>Confined to the owning task.
 */
final class RocksStore {
    private final Path instanceDirectory;
    private final KeyGroupRange range;
    private final int maxParallelism;
    private final RocksOptions options;
    private final StateAccess access;
    private final SortedMap<String, RocksState> states = new TreeMap<>();
    private final UploadedFiles uploaded = new UploadedFiles();
    /** Null until the first write, and after a restore (until the restored entries are first used). */
    private RocksDatabase database;
    /** Entries restored and not yet written into a database; null when none. */
    private RestoredEntries unloaded;
    /** Numbers the database directories {@code db-1, db-2, ...}; every restore starts a new one. */
    private int generation;
    private boolean closed;

    /** @throws IllegalArgumentException if {@code instanceDirectory} is not an empty directory or absent */
    RocksStore(Path instanceDirectory, KeyGroupRange range, int maxParallelism) {
        requireEmptyDirectory(instanceDirectory);
        this.instanceDirectory = instanceDirectory;
        this.range = range;
        this.maxParallelism = maxParallelism;
        this.options = new RocksOptions();
        this.access = new StateAccess(this, range, maxParallelism);
    }

    StateAccess access() {
        return access;
    }

    RocksOptions options() {
        return options;
    }

    /** The database, or null while there is none (see {@link #openDatabase}). */
    RocksDatabase database() {
        return database;
    }

    KeyGroupRange range() {
        return range;
    }

    int maxParallelism() {
        return maxParallelism;
    }

    Path instanceDirectory() {
        return instanceDirectory;
    }

    /** The registered states by name: live, not a copy. */
    SortedMap<String, RocksState> states() {
        return states;
    }

    UploadedFiles uploaded() {
        return uploaded;
    }

    void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("the RocksDB state backend in " + instanceDirectory + " is closed");
        }
    }

    // ---------------------------------------------------------------- registration

    /** The state named by {@code descriptor}, registered on first use. */
    RocksState register(StateDescriptor descriptor, StateKind kind) {
        checkNotClosed();
        Objects.requireNonNull(descriptor, "descriptor");
        RocksState state = states.get(descriptor.name());
        if (state == null) {
            state = RocksState.create(descriptor.name(), kind, descriptor, this);
            if (database != null) {
                state.handle = database.addState(state.name, kind);
            }
            states.put(state.name, state);
            return state;
        }
        if (state.kind != kind) {
            throw new IllegalArgumentException("state '" + descriptor.name() + "' is already registered as a "
                    + state.kind + " state; cannot use it as a " + kind + " state");
        }
        if (state.descriptor == null) {
            state.attach(descriptor); // registered by a restore; the job now supplies the default
        } else if (!state.descriptor.equals(descriptor)) {
            throw new IllegalArgumentException("state '" + descriptor.name() + "' is already registered with "
                    + state.descriptor + "; cannot register it again with " + descriptor);
        }
        return state;
    }

    /**
     * The registered states plus those only the restored data has (without a descriptor yet), after
     * checking that every restored state has its registered kind. Changes nothing.
     *
     * @param source what the restored data is, for messages
     */
    SortedMap<String, RocksState> statesAfterRestore(Map<String, StateKind> restoredKinds, String source) {
        for (Map.Entry<String, StateKind> restored : restoredKinds.entrySet()) {
            RocksState existing = states.get(restored.getKey());
            if (existing != null && existing.kind != restored.getValue()) {
                throw new IllegalArgumentException("cannot restore state '" + restored.getKey() + "': it is a "
                        + restored.getValue() + " state in " + source + " but registered here as a " + existing.kind
                        + " state");
            }
        }
        SortedMap<String, RocksState> after = new TreeMap<>(states);
        for (Map.Entry<String, StateKind> restored : new TreeMap<>(restoredKinds).entrySet()) {
            after.computeIfAbsent(restored.getKey(), name -> RocksState.create(name, restored.getValue(), null, this));
        }
        return after;
    }

    // ---------------------------------------------------------------- databases

    /**
     * Makes {@code fresh} (or no database) the backend's database, for {@code after}'s states, with
     * {@code restored} entries (or none) waiting to be written at first use. The old database is
     * deleted, and nothing its checkpoints uploaded is reused: file names restart in a new database.
     */
    void install(RocksDatabase fresh, SortedMap<String, RocksState> after, RestoredEntries restored) {
        RocksDatabase old = database;
        database = fresh;
        unloaded = restored;
        states.clear();
        states.putAll(after);
        for (RocksState state : states.values()) {
            state.handle = fresh == null ? null : fresh.handle(state.name);
        }
        access.clearCurrentKey();
        uploaded.reset(Map.of());
        if (old != null) {
            old.closeAndDelete();
        }
    }

    boolean hasUnloadedEntries() {
        return unloaded != null;
    }

    /**
     * The database, created if there is none, with a column family for every registered state and
     * the entries of the last restore.
     */
    RocksDatabase openDatabase() {
        if (database == null) {
            RocksDatabase created = createDatabase();
            if (unloaded != null) {
                try {
                    unloaded.writeInto(created, states, range, options);
                } catch (RuntimeException e) {
                    created.closeAndDelete();
                    throw e;
                }
                unloaded = null;
            }
            database = created;
            for (RocksState state : states.values()) {
                state.handle = created.handle(state.name);
            }
        }
        return database;
    }

    /** Writes the restored entries into a database, if some wait: before anything reads the whole state. */
    void loadRestoredEntries() {
        if (unloaded != null) {
            openDatabase();
        }
    }

    private RocksDatabase createDatabase() {
        Map<String, StateKind> kinds = new LinkedHashMap<>();
        states.forEach((name, state) -> kinds.put(name, state.kind));
        return RocksDatabase.create(nextDatabaseDirectory(), options, range, maxParallelism, kinds);
    }

    /** A new, empty directory for the next database. */
    Path nextDatabaseDirectory() {
        generation++;
        Path directory = instanceDirectory.resolve("db-" + generation);
        StateFiles.deleteRecursively(directory);
        return directory;
    }

    /** Where the native checkpoint of {@code checkpointId} is taken: absent, its parent may exist. */
    Path freshScratchDirectory(long checkpointId) {
        Path scratch = instanceDirectory.resolve("native").resolve("chk-" + checkpointId);
        StateFiles.deleteRecursively(scratch);
        return scratch;
    }

    /**
     * Closes the database and deletes the instance directory. State objects handed out fail from now
     * on. Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        unloaded = null;
        access.clearCurrentKey();
        for (RocksState state : states.values()) {
            state.handle = null;
        }
        try {
            if (database != null) {
                database.close();
                database = null;
            }
        } finally {
            options.close();
            StateFiles.deleteRecursively(instanceDirectory);
        }
    }

    private static void requireEmptyDirectory(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("instance directory " + directory + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("instance directory " + directory
                        + " is not empty; a RocksDB state backend needs a directory of its own");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
