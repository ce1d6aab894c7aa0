package io.snapsim.rocksdb;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.state.KeyedStateBackend;
import io.snapsim.core.state.KeyedStateSnapshotFormat;
import io.snapsim.core.state.KeyedStateSnapshotFormat.StateTable;
import io.snapsim.core.state.StateKind;
import io.snapsim.core.storage.CheckpointFormatException;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.LocatedFile;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.rocksdb.NativeSnapshot.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * A {@link KeyedStateBackend} that keeps state in an embedded RocksDB instance on local disk, like
 * Flink's {@code rocksdb} backend: state larger than memory, and native incremental checkpoints.
 *
 * <h2>Layout</h2>
 * One column family per state. Every key is stored as {@code [key group: 2 bytes big-endian][codec
 * bytes of the key]}, so each key group is a contiguous, ordered run of the column family:
 * <ul>
 *   <li>value state: the codec bytes of the value;
 *   <li>list state: the codec bytes of the elements, concatenated (codec values delimit themselves);
 *       {@code add} is a RocksDB merge that appends, without reading the list;
 *   <li>map state: one RocksDB entry per map entry, under {@code [key group][key][codec bytes of the
 *       map key]}, found by a prefix scan. A codec encoding is never a prefix of another, so the
 *       prefix of one key never matches another key's entries.
 * </ul>
 * Keys are compared by their encoding ({@link io.snapsim.core.state.ValueCodec}), so keys and values
 * must be encodable when they are written (the heap backend fails only at snapshot time), and two
 * keys are the same key when their encodings are equal. Values are copied in and out: changing an
 * object after {@code update} or after reading it never changes the state.
 *
 * <h2>Snapshots and checkpoints</h2>
 * {@link #snapshot()} and {@link #restore} use the canonical format of every backend (savepoints,
 * rescaling, changing backend). {@link #nativeCheckpoint} takes a RocksDB checkpoint (hard links to
 * the immutable SST files), and {@link #incrementalCheckpoint} uploads only the SST files that the
 * last completed checkpoint did not already upload; {@link #restoreFromIncremental} rebuilds the
 * database from such a checkpoint. The backend remembers which files each of its checkpoints
 * uploaded, and bases the next incremental checkpoint on the last one it was told completed
 * ({@link #notifyCheckpointComplete}), never on a pending one that might still be aborted.
 *
 * <h2>Resources</h2>
 * The backend owns {@code instanceDirectory} (which must be empty or absent) and deletes it on
 * {@link #close()}. The database is created on first use: a backend that only ever reads, or fails
 * to restore, holds no native resources but its option objects. {@link #restore} likewise checks the
 * snapshots at once but writes their entries into a new database only when the state is first used
 * (or snapshotted, or checkpointed), so a failure to write them surfaces then. The write-ahead log is off, as
 * in Flink: the database is a working copy, made durable only by checkpoints. Buffers for keys and
 * values and the read and write options are reused, so a point read or write allocates only what
 * decoding the value needs.
 *
 * <p>Confined to the owning task: not thread-safe, and the state objects it hands out share its
 * current key and buffers. Only the results of {@link #snapshot()}, {@link #nativeCheckpoint} and the
 * checkpoint methods may leave the task's thread.
 */
public final class RocksDBKeyedStateBackend implements CheckpointableKeyedStateBackend {
    private static final int NO_KEY = -1;
    private static final long WRITE_BATCH_BYTES = 4L << 20;
    private static final String NATIVE_FORMAT = IncrementalStateHandle.NATIVE_FORMAT;

    private final Path instanceDirectory;
    private final KeyGroupRange range;
    private final int maxParallelism;
    private final RocksOptions options;
    private final SortedMap<String, RocksState> states = new TreeMap<>();

    /** Null until the first write, and after a restore (until the restored entries are first used). */
    private RocksDatabase database;
    /** Entries restored by {@link #restore} and not yet written into a database; null when none. */
    private SortedMap<String, StateTable> unloaded;
    /** Numbers the database directories {@code db-1, db-2, ...}; every restore starts a new one. */
    private int generation;
    private boolean closed;

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

    private final UploadedFiles uploaded = new UploadedFiles();
    /** How {@link #snapshotFor} uploads checkpoints; null when only the explicit methods take them. */
    private final NativeCheckpointSettings checkpointing;

    /**
     * @param instanceDirectory a directory for the database, owned by the backend from now on:
     *     absent or empty, and deleted on {@link #close()}; native checkpoints are taken below it
     * @param range the key groups this backend holds; must lie within {@code [0, maxParallelism)}
     * @param maxParallelism the number of key groups, in {@code [1, 2^15]}
     * @throws IllegalArgumentException for a bad range or max parallelism, or a non-empty directory
     */
    public RocksDBKeyedStateBackend(Path instanceDirectory, KeyGroupRange range, int maxParallelism) {
        this(instanceDirectory, range, maxParallelism, null);
    }

    /**
     * A backend whose checkpoints ({@link #snapshotFor}) are native, uploaded as {@code checkpointing} says.
     *
     * @param checkpointing how checkpoints are uploaded; null for a backend whose checkpoints go
     *     only through the explicit methods ({@link #startNativeCheckpoint} and the like)
     * @see #RocksDBKeyedStateBackend(Path, KeyGroupRange, int)
     */
    public RocksDBKeyedStateBackend(Path instanceDirectory, KeyGroupRange range, int maxParallelism,
            NativeCheckpointSettings checkpointing) {
        Objects.requireNonNull(instanceDirectory, "instanceDirectory");
        Objects.requireNonNull(range, "range");
        if (maxParallelism < 1 || maxParallelism > KeyGroups.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("max parallelism " + maxParallelism
                    + " is not in [1, " + KeyGroups.UPPER_BOUND_MAX_PARALLELISM + "]");
        }
        if (!range.isEmpty() && range.end() >= maxParallelism) {
            throw new IllegalArgumentException("key group range [" + range.start() + ", " + range.end()
                    + "] does not fit max parallelism " + maxParallelism);
        }
        requireEmptyDirectory(instanceDirectory);
        this.instanceDirectory = instanceDirectory;
        this.range = range;
        this.maxParallelism = maxParallelism;
        this.options = new RocksOptions();
        this.checkpointing = checkpointing;
    }

    @Override
    public void setCurrentKey(Object key) {
        checkNotClosed();
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

    @Override
    public Object currentKey() {
        return currentKey;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
        return (ValueState<T>) register(descriptor, StateKind.VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return (ListState<T>) register(descriptor, StateKind.LIST);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return (MapState<K, V>) register(descriptor, StateKind.MAP);
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return range;
    }

    @Override
    public int maxParallelism() {
        return maxParallelism;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scans every column family and decodes every entry into memory before writing the canonical
     * bytes: meant for savepoints and rescaling, not for every checkpoint (see
     * {@link #incrementalCheckpoint}).
     */
    @Override
    public byte[] snapshot() {
        checkNotClosed();
        loadRestoredEntries();
        List<StateTable> tables = new ArrayList<>(states.size());
        for (RocksState state : states.values()) {
            @SuppressWarnings("unchecked")
            Map<Object, Object>[] byKeyGroup = new Map[range.size()];
            if (state.handle != null) {
                forEachEntry(state, (keyGroup, key, value) -> {
                    int index = keyGroup - range.start();
                    if (byKeyGroup[index] == null) {
                        byKeyGroup[index] = new HashMap<>();
                    }
                    byKeyGroup[index].put(key, value);
                });
            }
            tables.add(new StateTable(state.name, state.kind, range, byKeyGroup));
        }
        return KeyedStateSnapshotFormat.write(maxParallelism, tables);
    }

    @Override
    public void restore(List<byte[]> snapshots) {
        checkNotClosed();
        Objects.requireNonNull(snapshots, "snapshots");
        SortedMap<String, StateTable> restored = KeyedStateSnapshotFormat.read(snapshots, range, maxParallelism);
        Map<String, StateKind> restoredKinds = new HashMap<>();
        restored.forEach((name, table) -> restoredKinds.put(name, table.kind()));
        SortedMap<String, RocksState> after = statesAfterRestore(restoredKinds, "the snapshot");
        install(null, after);
        unloaded = hasEntries(restored) ? restored : null;
    }

    @Override
    public SortedMap<String, SortedMap<String, Object>> contents() {
        checkNotClosed();
        loadRestoredEntries();
        SortedMap<String, SortedMap<String, Object>> result = new TreeMap<>();
        for (RocksState state : states.values()) {
            if (state.handle == null) {
                continue;
            }
            SortedMap<String, Object> entries = new TreeMap<>();
            forEachEntry(state, (keyGroup, key, value) -> {
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

    /** {@inheritDoc} Counts by scanning every column family. */
    @Override
    public long numberOfEntries() {
        checkNotClosed();
        loadRestoredEntries();
        long count = 0;
        for (RocksState state : states.values()) {
            if (state.handle != null) {
                count += countKeys(state);
            }
        }
        return count;
    }

    /**
     * Flushes the memtables and takes a RocksDB checkpoint of the database into {@code scratchDir}:
     * hard links to the SST files (on the same file system) and copies of the other files. This is
     * the synchronous part of a native checkpoint; it creates the database if nothing was written yet.
     *
     * @param scratchDir a directory that does not exist yet; its parent is created if needed
     * @throws IllegalArgumentException if {@code scratchDir} exists
     * @throws UncheckedIOException if RocksDB or the file system fails
     */
    public NativeSnapshot nativeCheckpoint(long checkpointId, Path scratchDir) {
        checkNotClosed();
        Objects.requireNonNull(scratchDir, "scratchDir");
        if (Files.exists(scratchDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("native checkpoint directory " + scratchDir
                    + " already exists; RocksDB checkpoints need a directory that does not");
        }
        RocksDatabase db = openDatabase();
        db.flush();
        StateFiles.createDirectories(scratchDir.toAbsolutePath().getParent());
        db.checkpoint(scratchDir);
        List<NativeFile> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(scratchDir)) {
            for (Path file : listing.sorted().toList()) {
                files.add(new NativeFile(file.getFileName().toString(), Files.size(file)));
            }
        } catch (IOException e) {
            StateFiles.deleteRecursively(scratchDir);
            throw new UncheckedIOException("cannot list the native checkpoint in " + scratchDir, e);
        }
        return new NativeSnapshot(checkpointId, scratchDir, range, maxParallelism, files);
    }

    /**
     * The synchronous part of a native checkpoint: takes a {@link #nativeCheckpoint} below the
     * instance directory and returns what is left to upload, which may run on any thread. An
     * incremental upload reuses the shared files of the last checkpoint this backend was told
     * completed; a full one copies every file into the checkpoint's folder. Report the upload's
     * result with {@link #nativeCheckpointUploaded}.
     *
     * @throws UncheckedIOException if RocksDB or the file system fails
     */
    public NativeCheckpointUpload startNativeCheckpoint(long checkpointId, boolean incremental,
            IncrementalUploader uploader) {
        Objects.requireNonNull(uploader, "uploader");
        NativeSnapshot snapshot = nativeCheckpoint(checkpointId, freshScratchDirectory(checkpointId));
        return new NativeCheckpointUpload(snapshot, incremental ? uploaded.reusable() : Map.of(), incremental, uploader);
    }

    /**
     * A native checkpoint of this backend was uploaded: once it completes, the next incremental
     * checkpoint reuses its shared files (none, for a full checkpoint).
     */
    public void nativeCheckpointUploaded(IncrementalStateHandle handle) {
        uploaded.taken(handle.checkpointId(), handle.sharedFilesBySstName());
    }

    /**
     * Takes an incremental checkpoint at once ({@link #startNativeCheckpoint} and the upload on this
     * thread), against the shared files of the last completed checkpoint.
     *
     * @param jobDirectory the job's checkpoint directory, holding {@code shared/}
     * @param checkpointDirectory this checkpoint's directory ({@code chk-{id}})
     * @throws UncheckedIOException if RocksDB or a copy fails
     */
    public IncrementalStateHandle incrementalCheckpoint(long checkpointId, IncrementalUploader uploader,
            Path jobDirectory, Path checkpointDirectory) {
        IncrementalStateHandle handle = startNativeCheckpoint(checkpointId, true, uploader)
                .upload(jobDirectory, checkpointDirectory);
        nativeCheckpointUploaded(handle);
        return handle;
    }

    /**
     * Takes a full native checkpoint at once: every file of a {@link #nativeCheckpoint} copied into
     * the checkpoint's private directory, sharing nothing. Once it completes, the next incremental
     * checkpoint uploads every SST file again, since the older checkpoints' files may be deleted.
     *
     * @throws UncheckedIOException if RocksDB or a copy fails
     */
    public IncrementalStateHandle fullCheckpoint(long checkpointId, IncrementalUploader uploader,
            Path checkpointDirectory) {
        IncrementalStateHandle handle = startNativeCheckpoint(checkpointId, false, uploader)
                .upload(checkpointDirectory.getParent(), checkpointDirectory);
        nativeCheckpointUploaded(handle);
        return handle;
    }

    /**
     * The checkpoint completed: the next incremental checkpoint reuses the shared files it references.
     * Pending checkpoints before it are forgotten (they are subsumed). Any id this backend did not
     * take natively (a savepoint, or a checkpoint from before a restore) changes nothing.
     */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        uploaded.completed(checkpointId);
    }

    /** The checkpoint was aborted: its uploads are never reused. Unknown ids are ignored. */
    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        uploaded.aborted(checkpointId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A checkpoint is native ({@link #startNativeCheckpoint}, as the settings given at creation
     * say); a savepoint is canonical.
     *
     * @throws IllegalStateException for a checkpoint of a backend created without checkpoint settings
     */
    @Override
    public KeyedSnapshot snapshotFor(long checkpointId, SnapshotKind kind) {
        if (kind == SnapshotKind.SAVEPOINT) {
            return KeyedSnapshot.canonical(snapshot());
        }
        if (checkpointing == null) {
            throw new IllegalStateException("this RocksDB backend was created without native checkpoint settings");
        }
        return startNativeCheckpoint(checkpointId, checkpointing.incremental(), checkpointing.uploader());
    }

    /** {@inheritDoc} A native handle of this backend's format becomes the base of later incremental checkpoints. */
    @Override
    public void snapshotWritten(long checkpointId, StateHandle handle) {
        if (handle instanceof StateHandle.Native nativeHandle && NATIVE_FORMAT.equals(nativeHandle.format())) {
            nativeCheckpointUploaded(IncrementalStateHandle.fromStateHandle(nativeHandle));
        }
    }

    @Override
    public String nativeFormat() {
        return NATIVE_FORMAT;
    }

    /** {@inheritDoc} See {@link #restoreFromIncremental(IncrementalStateHandle, SnapshotTree, ClaimMode)}. */
    @Override
    public void restoreNative(StateHandle.Native handle, SnapshotTree snapshot, ClaimMode claimMode) {
        restoreFromIncremental(IncrementalStateHandle.fromStateHandle(handle), snapshot, claimMode);
    }

    /**
     * {@link #restoreFromIncremental(IncrementalStateHandle, SnapshotTree, ClaimMode)} in
     * {@link ClaimMode#CLAIM} mode, as on a failover within a job (which owns its checkpoints): the
     * next incremental checkpoint reuses the restored shared files. A job started from a retained
     * checkpoint with Flink's default {@code NO_CLAIM} mode passes {@link ClaimMode#NO_CLAIM}.
     */
    public void restoreFromIncremental(IncrementalStateHandle handle, SnapshotTree checkpoint) {
        restoreFromIncremental(handle, checkpoint, ClaimMode.CLAIM);
    }

    /**
     * Replaces all state with a native checkpoint's: copies its shared files (from
     * {@code {jobDir}/shared/}) and private files (from {@code {checkpointDir}/{privateDirectory}/})
     * into a fresh database directory, under their original names, and opens it. Every file is
     * first checked to lie inside the checkpoint's tree. The checkpoint's files are only read, never
     * moved or changed. State objects handed out before stay valid; states found only in the
     * checkpoint are registered. The backend is unchanged when this throws.
     *
     * @param checkpoint the tree of the checkpoint's {@code _metadata} ({@code {jobDir}/chk-{id}})
     * @throws IllegalArgumentException if the checkpoint was taken with another key group range or
     *     max parallelism (resume from a savepoint to rescale), or holds a state under a kind other
     *     than the registered one
     * @throws CheckpointFormatException naming the file if a file's path leads outside the tree
     * @throws UncheckedIOException naming the file if a file of the checkpoint is missing
     * @throws IllegalStateException naming the file if a file's size differs from the recorded one
     */
    public void restoreFromIncremental(IncrementalStateHandle handle, SnapshotTree checkpoint, ClaimMode claimMode) {
        checkNotClosed();
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(claimMode, "claimMode");
        if (!handle.keyGroupRange().equals(range) || handle.maxParallelism() != maxParallelism) {
            throw new IllegalArgumentException("checkpoint " + handle.checkpointId() + " holds key groups ["
                    + handle.keyGroupRange().start() + ", " + handle.keyGroupRange().end() + "] of max parallelism "
                    + handle.maxParallelism() + ", but this backend holds [" + range.start() + ", " + range.end()
                    + "] of max parallelism " + maxParallelism
                    + "; a checkpoint cannot be resumed at another parallelism: take a savepoint to rescale");
        }
        List<LocatedFile> files = handle.locateFiles(checkpoint);
        for (LocatedFile file : files) {
            StateFiles.requireFile(file.realPath(), file.path(), file.size(),
                    (file.shared() ? "shared" : "private") + " file of checkpoint " + handle.checkpointId());
        }
        Path directory = nextDatabaseDirectory();
        RocksDatabase fresh;
        try {
            StateFiles.createDirectories(directory);
            for (LocatedFile file : files) {
                StateFiles.copy(file.realPath(), directory.resolve(file.databaseName()));
            }
            fresh = RocksDatabase.open(directory, options);
        } catch (RuntimeException e) {
            StateFiles.deleteRecursively(directory);
            throw e;
        }
        SortedMap<String, RocksState> after;
        try {
            if (!fresh.range.equals(range) || fresh.maxParallelism != maxParallelism) {
                throw new IllegalArgumentException("checkpoint " + handle.checkpointId()
                        + " holds a database of key groups [" + fresh.range.start() + ", " + fresh.range.end()
                        + "] of max parallelism " + fresh.maxParallelism + " although its handle says otherwise");
            }
            after = statesAfterRestore(fresh.stateKinds(), "checkpoint " + handle.checkpointId());
            for (RocksState state : after.values()) {
                if (fresh.handle(state.name) == null) {
                    fresh.addState(state.name, state.kind);
                }
            }
        } catch (RuntimeException e) {
            fresh.closeAndDelete();
            throw e;
        }
        install(fresh, after);
        if (claimMode == ClaimMode.CLAIM) {
            uploaded.reset(handle.sharedFilesBySstName());
        }
    }

    /**
     * Closes the database and deletes the instance directory. State objects handed out fail from now
     * on. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unloaded = null;
        currentKey = null;
        currentKeyGroup = NO_KEY;
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

    @Override
    public String toString() {
        return "RocksDBKeyedStateBackend[" + instanceDirectory + ", range=[" + range.start() + ", " + range.end()
                + "], maxParallelism=" + maxParallelism + ", states=" + states.keySet() + "]";
    }

    /** Compacts every column family fully, as background compaction eventually would; for tests. */
    void compactAll() {
        checkNotClosed();
        loadRestoredEntries();
        if (database != null) {
            database.compactAll();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // registration, databases, restore

    private RocksState register(StateDescriptor descriptor, StateKind kind) {
        checkNotClosed();
        Objects.requireNonNull(descriptor, "descriptor");
        RocksState state = states.get(descriptor.name());
        if (state == null) {
            state = newState(descriptor.name(), kind, descriptor);
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

    private RocksState newState(String name, StateKind kind, StateDescriptor descriptor) {
        switch (kind) {
            case VALUE:
                return new RocksValueState<>(name, descriptor);
            case LIST:
                return new RocksListState<>(name, descriptor);
            default:
                return new RocksMapState<>(name, descriptor);
        }
    }

    /**
     * The registered states plus those only the restored data has (without a descriptor yet), after
     * checking that every restored state has its registered kind. Changes nothing.
     */
    private SortedMap<String, RocksState> statesAfterRestore(Map<String, StateKind> restoredKinds, String source) {
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
            after.computeIfAbsent(restored.getKey(), name -> newState(name, restored.getValue(), null));
        }
        return after;
    }

    /** Makes {@code fresh} (or no database) the backend's database, for the given states. */
    private void install(RocksDatabase fresh, SortedMap<String, RocksState> after) {
        RocksDatabase old = database;
        database = fresh;
        unloaded = null;
        states.clear();
        states.putAll(after);
        for (RocksState state : states.values()) {
            state.handle = fresh == null ? null : fresh.handle(state.name);
        }
        currentKey = null;
        currentKeyGroup = NO_KEY;
        // file names restart in the new database: nothing uploaded from the old one may be reused
        uploaded.reset(Map.of());
        if (old != null) {
            old.closeAndDelete();
        }
    }

    /**
     * The database, created if there is none, with a column family for every registered state and
     * the entries of the last restore.
     */
    private RocksDatabase openDatabase() {
        if (database == null) {
            RocksDatabase created = createDatabase(states);
            if (unloaded != null) {
                try {
                    load(created, states, unloaded);
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

    private void loadRestoredEntries() {
        if (unloaded != null) {
            openDatabase();
        }
    }

    private RocksDatabase createDatabase(SortedMap<String, RocksState> forStates) {
        Map<String, StateKind> kinds = new LinkedHashMap<>();
        forStates.forEach((name, state) -> kinds.put(name, state.kind));
        return RocksDatabase.create(nextDatabaseDirectory(), options, range, maxParallelism, kinds);
    }

    private Path nextDatabaseDirectory() {
        generation++;
        Path directory = instanceDirectory.resolve("db-" + generation);
        StateFiles.deleteRecursively(directory);
        return directory;
    }

    private Path freshScratchDirectory(long checkpointId) {
        Path scratch = instanceDirectory.resolve("native").resolve("chk-" + checkpointId);
        StateFiles.deleteRecursively(scratch);
        return scratch;
    }

    private static boolean hasEntries(SortedMap<String, StateTable> restored) {
        for (StateTable table : restored.values()) {
            for (Map<Object, Object> entries : table.tables()) {
                if (entries != null && !entries.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes restored entries into a fresh database, in write batches. */
    private void load(RocksDatabase target, SortedMap<String, RocksState> after, SortedMap<String, StateTable> restored) {
        ByteWriter key = new ByteWriter(64);
        ByteWriter entryKey = new ByteWriter(128);
        ByteWriter value = new ByteWriter(256);
        try (WriteBatch batch = new WriteBatch()) {
            for (StateTable table : restored.values()) {
                RocksState state = after.get(table.name());
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
                            for (Map.Entry<?, ?> mapEntry : ((Map<?, ?>) entry.getValue()).entrySet()) {
                                entryKey.reset();
                                entryKey.write(key.array(), 0, key.length());
                                entryKey.encode(mapEntry.getKey());
                                value.reset();
                                value.encode(mapEntry.getValue());
                                batch.put(handle, entryKey.toByteArray(), value.toByteArray());
                            }
                        } else {
                            value.reset();
                            if (state.kind == StateKind.LIST) {
                                for (Object element : (List<?>) entry.getValue()) {
                                    value.encode(element);
                                }
                            } else {
                                value.encode(entry.getValue());
                            }
                            batch.put(handle, key.toByteArray(), value.toByteArray());
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

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("the RocksDB state backend in " + instanceDirectory + " is closed");
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

    // ---------------------------------------------------------------------------------------------
    // reading and writing

    /** Fails unless there is a current key; the closed check is on this slow path only. */
    private void requireCurrentKey(String stateName) {
        if (currentKeyGroup == NO_KEY) {
            checkNotClosed();
            throw new IllegalStateException("no current key: call setCurrentKey before using state '" + stateName + "'");
        }
    }

    /** Reads the value under {@code key} into {@link #readBuffer}: its length, or -1 when absent. */
    private int read(ColumnFamilyHandle handle, ByteWriter key) {
        try {
            int length = database.db.get(handle, options.pointRead, key.array(), 0, key.length(),
                    readBuffer, 0, readBuffer.length);
            if (length > readBuffer.length) {
                readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
                length = database.db.get(handle, options.pointRead, key.array(), 0, key.length(),
                        readBuffer, 0, readBuffer.length);
            }
            return length;
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("read state", e);
        }
    }

    private void put(ColumnFamilyHandle handle, ByteWriter key, ByteWriter value) {
        try {
            database.db.put(handle, options.write, key.array(), 0, key.length(), value.array(), 0, value.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("write state", e);
        }
    }

    private void merge(ColumnFamilyHandle handle, ByteWriter key, ByteWriter value) {
        try {
            database.db.merge(handle, options.write, key.array(), 0, key.length(), value.array(), 0, value.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("append to list state", e);
        }
    }

    private void delete(ColumnFamilyHandle handle, ByteWriter key) {
        try {
            database.db.delete(handle, options.write, key.array(), 0, key.length());
        } catch (RocksDBException e) {
            throw RocksDatabase.failure("delete state", e);
        }
    }

    private Object decode(byte[] bytes, int offset, int length, String stateName) {
        reader.reset(bytes, offset, length);
        return reader.decode(stateName);
    }

    private List<Object> decodeElements(byte[] bytes, int offset, int length, String stateName) {
        reader.reset(bytes, offset, length);
        List<Object> elements = new ArrayList<>();
        while (reader.hasMore()) {
            elements.add(reader.decode(stateName));
        }
        return elements;
    }

    /** {@code [current key][codec bytes of userKey]} in {@link #compositeKeyBytes}. */
    private ByteWriter compositeKey(Object userKey) {
        ByteWriter composite = compositeKeyBytes;
        composite.reset();
        composite.write(keyBytes.array(), 0, keyBytes.length());
        composite.encode(userKey);
        return composite;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int prefixLength) {
        return bytes.length >= prefixLength && Arrays.equals(bytes, 0, prefixLength, prefix, 0, prefixLength);
    }

    private static int keyGroupOf(byte[] key) {
        return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
    }

    private interface EntryConsumer {
        void accept(int keyGroup, Object key, Object value);
    }

    /** Every (key, value) of a state, values assembled: the value, a list, or a map in encoded key order. */
    private void forEachEntry(RocksState state, EntryConsumer consumer) {
        try (RocksIterator iterator = database.db.newIterator(state.handle, options.scan)) {
            if (state.kind == StateKind.MAP) {
                forEachMap(state, iterator, consumer);
            } else {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    byte[] value = iterator.value();
                    Object decodedKey = decode(key, 2, key.length - 2, state.name);
                    Object decodedValue = state.kind == StateKind.LIST
                            ? decodeElements(value, 0, value.length, state.name)
                            : decode(value, 0, value.length, state.name);
                    consumer.accept(keyGroupOf(key), decodedKey, decodedValue);
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
            if (prefix == null || !startsWith(compositeKey, prefix, prefixLength)) {
                if (map != null) {
                    consumer.accept(keyGroupOf(prefix), key, map);
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
            consumer.accept(keyGroupOf(prefix), key, map);
        }
    }

    /** The number of keys with an entry in the state; for a map state, keys rather than map entries. */
    private long countKeys(RocksState state) {
        long count = 0;
        try (RocksIterator iterator = database.db.newIterator(state.handle, options.scan)) {
            byte[] prefix = null;
            int prefixLength = 0;
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                if (state.kind != StateKind.MAP) {
                    count++;
                    continue;
                }
                byte[] compositeKey = iterator.key();
                if (prefix == null || !startsWith(compositeKey, prefix, prefixLength)) {
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

    private static <K, V> Map<K, V> sortedCopy(Map<K, V> map) {
        for (K key : map.keySet()) {
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

    private IllegalArgumentException cannotStore(String stateName, IllegalArgumentException e) {
        return new IllegalArgumentException("cannot store state '" + stateName + "' for key " + currentKey + ": "
                + e.getMessage(), e);
    }

    // ---------------------------------------------------------------------------------------------
    // state objects

    /** One registered state: its column family, null while the backend has no database. */
    private abstract class RocksState {
        final String name;
        final StateKind kind;
        /** The descriptor the job registered, or null for a state so far known only from a restore. */
        StateDescriptor descriptor;
        ColumnFamilyHandle handle;

        RocksState(String name, StateKind kind) {
            this.name = name;
            this.kind = kind;
        }

        void attach(StateDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        /**
         * The column family to read or delete from, loading restored entries first; null when the
         * backend has no database, and so no entries.
         */
        final ColumnFamilyHandle readableHandle() {
            if (handle == null && unloaded != null) {
                openDatabase();
            }
            return handle;
        }

        /** The column family for a write, creating the database first if there is none. */
        final ColumnFamilyHandle writableHandle() {
            if (handle == null) {
                openDatabase();
            }
            return handle;
        }

        /** Deletes the current key's entry: all of a value or list state's state for that key. */
        final void deleteCurrentKeyEntry() {
            ColumnFamilyHandle column = readableHandle();
            if (column != null) {
                delete(column, keyBytes);
            }
        }

        abstract Object copyForContents(Object decoded);
    }

    private final class RocksValueState<T> extends RocksState implements ValueState<T> {
        private T defaultValue;

        RocksValueState(String name, StateDescriptor descriptor) {
            super(name, StateKind.VALUE);
            attach(descriptor);
        }

        @Override
        @SuppressWarnings("unchecked")
        void attach(StateDescriptor descriptor) {
            super.attach(descriptor);
            defaultValue = descriptor == null ? null : ((ValueStateDescriptor<T>) descriptor).defaultValue();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T value() {
            requireCurrentKey(name);
            ColumnFamilyHandle column = readableHandle();
            if (column == null) {
                return defaultValue;
            }
            int length = read(column, keyBytes);
            return length < 0 ? defaultValue : (T) decode(readBuffer, 0, length, name);
        }

        @Override
        public void update(T value) {
            requireCurrentKey(name);
            if (value == null) {
                clear();
                return;
            }
            valueBytes.reset();
            try {
                valueBytes.encode(value);
            } catch (IllegalArgumentException e) {
                throw cannotStore(name, e);
            }
            put(writableHandle(), keyBytes, valueBytes);
        }

        @Override
        public void clear() {
            requireCurrentKey(name);
            deleteCurrentKeyEntry();
        }

        @Override
        Object copyForContents(Object decoded) {
            return decoded;
        }
    }

    private final class RocksListState<T> extends RocksState implements ListState<T> {
        RocksListState(String name, StateDescriptor descriptor) {
            super(name, StateKind.LIST);
            attach(descriptor);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> get() {
            requireCurrentKey(name);
            ColumnFamilyHandle column = readableHandle();
            if (column == null) {
                return new ArrayList<>();
            }
            int length = read(column, keyBytes);
            return length < 0 ? new ArrayList<>() : (List<T>) decodeElements(readBuffer, 0, length, name);
        }

        @Override
        public void add(T value) {
            requireCurrentKey(name);
            requireElement(value);
            valueBytes.reset();
            try {
                valueBytes.encode(value);
            } catch (IllegalArgumentException e) {
                throw cannotStore(name, e);
            }
            merge(writableHandle(), keyBytes, valueBytes);
        }

        @Override
        public void addAll(List<T> values) {
            requireCurrentKey(name);
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                return;
            }
            values.forEach(this::requireElement);
            encodeElements(values);
            merge(writableHandle(), keyBytes, valueBytes);
        }

        @Override
        public void update(List<T> values) {
            requireCurrentKey(name);
            if (values == null || values.isEmpty()) {
                clear();
                return;
            }
            values.forEach(this::requireElement);
            encodeElements(values);
            put(writableHandle(), keyBytes, valueBytes);
        }

        @Override
        public void clear() {
            requireCurrentKey(name);
            deleteCurrentKeyEntry();
        }

        @Override
        Object copyForContents(Object decoded) {
            return Collections.unmodifiableList((List<?>) decoded);
        }

        private void encodeElements(List<T> values) {
            valueBytes.reset();
            try {
                for (T value : values) {
                    valueBytes.encode(value);
                }
            } catch (IllegalArgumentException e) {
                throw cannotStore(name, e);
            }
        }

        private void requireElement(T value) {
            if (value == null) {
                throw new NullPointerException("list state '" + name + "' does not accept null elements");
            }
        }
    }

    private final class RocksMapState<K, V> extends RocksState implements MapState<K, V> {
        RocksMapState(String name, StateDescriptor descriptor) {
            super(name, StateKind.MAP);
            attach(descriptor);
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(K key) {
            requireCurrentKey(name);
            ColumnFamilyHandle column = readableHandle();
            ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
            if (composite == null) {
                return null;
            }
            int length = read(column, composite);
            return length < 0 ? null : (V) decode(readBuffer, 0, length, name);
        }

        @Override
        public void put(K key, V value) {
            requireCurrentKey(name);
            if (key == null) {
                throw new NullPointerException("map state '" + name + "' does not accept null keys");
            }
            ByteWriter composite;
            valueBytes.reset();
            try {
                composite = compositeKey(key);
                valueBytes.encode(value);
            } catch (IllegalArgumentException e) {
                throw cannotStore(name, e);
            }
            RocksDBKeyedStateBackend.this.put(writableHandle(), composite, valueBytes);
        }

        @Override
        public void remove(K key) {
            requireCurrentKey(name);
            ColumnFamilyHandle column = readableHandle();
            ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
            if (composite != null) {
                delete(column, composite);
            }
        }

        @Override
        public boolean contains(K key) {
            requireCurrentKey(name);
            ColumnFamilyHandle column = readableHandle();
            ByteWriter composite = column == null ? null : compositeKeyOrNull(key);
            return composite != null && read(column, composite) >= 0;
        }

        @Override
        public Map<K, V> entries() {
            requireCurrentKey(name);
            Map<K, V> entries = new LinkedHashMap<>();
            if (readableHandle() != null) {
                scanCurrentKey((compositeKey, value) -> entries.put(decodeMapKey(compositeKey),
                        decodeValue(value)));
            }
            return sortedCopy(entries);
        }

        @Override
        public boolean isEmpty() {
            requireCurrentKey(name);
            if (readableHandle() == null) {
                return true;
            }
            try (RocksIterator iterator = database.db.newIterator(handle, options.pointRead)) {
                iterator.seek(Arrays.copyOf(keyBytes.array(), keyBytes.length()));
                boolean empty = !iterator.isValid() || !startsWith(iterator.key(), keyBytes.array(), keyBytes.length());
                iterator.status();
                return empty;
            } catch (RocksDBException e) {
                throw RocksDatabase.failure("scan map state '" + name + "'", e);
            }
        }

        @Override
        public void clear() {
            requireCurrentKey(name);
            if (readableHandle() == null) {
                return;
            }
            try (WriteBatch batch = new WriteBatch()) {
                scanCurrentKey((compositeKey, value) -> {
                    try {
                        batch.delete(handle, compositeKey);
                    } catch (RocksDBException e) {
                        throw RocksDatabase.failure("clear map state '" + name + "'", e);
                    }
                });
                database.db.write(options.write, batch);
            } catch (RocksDBException e) {
                throw RocksDatabase.failure("clear map state '" + name + "'", e);
            }
        }

        @Override
        Object copyForContents(Object decoded) {
            return Collections.unmodifiableMap(sortedCopy((Map<?, ?>) decoded));
        }

        /** The composite key, or null if {@code key} cannot be encoded (so it cannot be in the map). */
        private ByteWriter compositeKeyOrNull(K key) {
            try {
                return compositeKey(key);
            } catch (IllegalArgumentException unencodable) {
                return null;
            }
        }

        @SuppressWarnings("unchecked")
        private K decodeMapKey(byte[] compositeKey) {
            int prefixLength = keyBytes.length();
            return (K) decode(compositeKey, prefixLength, compositeKey.length - prefixLength, name);
        }

        @SuppressWarnings("unchecked")
        private V decodeValue(byte[] value) {
            return (V) decode(value, 0, value.length, name);
        }

        /** Every entry of the current key's map, in encoded map key order. */
        private void scanCurrentKey(java.util.function.BiConsumer<byte[], byte[]> consumer) {
            byte[] prefix = Arrays.copyOf(keyBytes.array(), keyBytes.length());
            try (RocksIterator iterator = database.db.newIterator(handle, options.pointRead)) {
                for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                    byte[] compositeKey = iterator.key();
                    if (!startsWith(compositeKey, prefix, prefix.length)) {
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
}
