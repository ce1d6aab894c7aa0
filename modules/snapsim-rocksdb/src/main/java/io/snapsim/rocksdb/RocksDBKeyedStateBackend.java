package io.snapsim.rocksdb;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.state.KeyedStateBackend;
import io.snapsim.core.state.StateKind;
import io.snapsim.core.storage.CheckpointFormatException;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

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
 * <h2>Parts</h2>
 * This class is the face; the work is done by {@link RocksStore} (the database, its states and
 * directories), {@link StateAccess} (the current key and point reads and writes), the state objects
 * ({@link RocksValueState}, {@link RocksListState}, {@link RocksMapState}), {@link CanonicalSnapshots}
 * (the full canonical strategy), {@link NativeCheckpoints} (the native full and incremental strategy)
 * and {@link NativeRestore}.
 *
 * <p>Confined to the owning task: not thread-safe, and the state objects it hands out share its
 * current key and buffers. Only the results of {@link #snapshot()}, {@link #nativeCheckpoint} and the
 * checkpoint methods may leave the task's thread.
 */
public final class RocksDBKeyedStateBackend implements CheckpointableKeyedStateBackend {
    private static final String NATIVE_FORMAT = IncrementalStateHandle.NATIVE_FORMAT;

    private final RocksStore store;
    private final StateAccess access;
    private final CanonicalSnapshots canonical;
    private final NativeCheckpoints nativeCheckpoints;
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
        this.store = new RocksStore(instanceDirectory, range, maxParallelism);
        this.access = store.access();
        this.canonical = new CanonicalSnapshots(store);
        this.nativeCheckpoints = new NativeCheckpoints(store);
        this.checkpointing = checkpointing;
    }

    // ---------------------------------------------------------------- keyed state

    @Override
    public void setCurrentKey(Object key) {
        store.checkNotClosed();
        access.setCurrentKey(key);
    }

    @Override
    public Object currentKey() {
        return access.currentKey();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
        return (ValueState<T>) store.register(descriptor, StateKind.VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return (ListState<T>) store.register(descriptor, StateKind.LIST);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return (MapState<K, V>) store.register(descriptor, StateKind.MAP);
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return store.range();
    }

    @Override
    public int maxParallelism() {
        return store.maxParallelism();
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
        return canonical.snapshot();
    }

    @Override
    public void restore(List<byte[]> snapshots) {
        canonical.restore(snapshots);
    }

    @Override
    public SortedMap<String, SortedMap<String, Object>> contents() {
        return canonical.contents();
    }

    /** {@inheritDoc} Counts by scanning every column family. */
    @Override
    public long numberOfEntries() {
        return canonical.numberOfEntries();
    }

    // ---------------------------------------------------------------- checkpoints, as the task drives them

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
     * The checkpoint completed: the next incremental checkpoint reuses the shared files it references.
     * Pending checkpoints before it are forgotten (they are subsumed). Any id this backend did not
     * take natively (a savepoint, or a checkpoint from before a restore) changes nothing.
     */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        nativeCheckpoints.completed(checkpointId);
    }

    /** The checkpoint was aborted: its uploads are never reused. Unknown ids are ignored. */
    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        nativeCheckpoints.aborted(checkpointId);
    }

    // ---------------------------------------------------------------- native checkpoints, step by step

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
        return nativeCheckpoints.nativeCheckpoint(checkpointId, scratchDir);
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
        return nativeCheckpoints.start(checkpointId, incremental, uploader);
    }

    /**
     * A native checkpoint of this backend was uploaded: once it completes, the next incremental
     * checkpoint reuses its shared files (none, for a full checkpoint).
     */
    public void nativeCheckpointUploaded(IncrementalStateHandle handle) {
        nativeCheckpoints.uploaded(handle);
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
        NativeRestore.restore(store, handle, checkpoint, claimMode);
    }

    // ---------------------------------------------------------------- resources

    /**
     * Closes the database and deletes the instance directory. State objects handed out fail from now
     * on. Idempotent.
     */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        KeyGroupRange range = store.range();
        return "RocksDBKeyedStateBackend[" + store.instanceDirectory() + ", range=[" + range.start() + ", " + range.end()
                + "], maxParallelism=" + store.maxParallelism() + ", states=" + store.states().keySet() + "]";
    }

    /** Compacts every column family fully, as background compaction eventually would; for tests. */
    void compactAll() {
        store.checkNotClosed();
        store.loadRestoredEntries();
        if (store.database() != null) {
            store.database().compactAll();
        }
    }
}
