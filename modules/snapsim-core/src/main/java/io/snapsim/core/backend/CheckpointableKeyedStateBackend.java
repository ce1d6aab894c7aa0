package io.snapsim.core.backend;

import io.snapsim.core.state.KeyedStateBackend;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;

/**
 * A keyed state backend with the hooks a task calls around checkpoints, so that the task never
 * needs to know which backend it runs (as Flink's {@code CheckpointableKeyedStateBackend}). The
 * defaults describe a backend with the canonical format only: every snapshot is
 * {@link KeyedStateBackend#snapshot()}'s bytes, and it reads no native format.
 *
 * <p>A snapshot has two parts: {@link #snapshotFor} runs on the task's thread while the task holds
 * still (the synchronous part), and returns a {@link KeyedSnapshot} whose {@link KeyedSnapshot#write}
 * may run on any thread while the task goes on (the asynchronous part). The task then reports the
 * written handle with {@link #snapshotWritten}, and later whether the checkpoint completed or was
 * aborted.
 *
 * <p>Confined to the owning task, like {@link KeyedStateBackend}; only the {@link KeyedSnapshot}s it
 * returns may leave the task's thread.
 */
public interface CheckpointableKeyedStateBackend extends KeyedStateBackend, AutoCloseable {

    /**
     * The synchronous part of this backend's snapshot for checkpoint (or savepoint) {@code checkpointId}.
     * A savepoint is always canonical, so that it restores into any backend and at any parallelism.
     */
    default KeyedSnapshot snapshotFor(long checkpointId, SnapshotKind kind) {
        return KeyedSnapshot.canonical(snapshot());
    }

    /** The snapshot of {@code checkpointId} was written as {@code handle} (on the task's thread, after the write). */
    default void snapshotWritten(long checkpointId, StateHandle handle) {
    }

    /** Checkpoint {@code checkpointId} completed: what it references may be built upon. */
    default void notifyCheckpointComplete(long checkpointId) {
    }

    /** Checkpoint {@code checkpointId} was aborted: what it wrote is never built upon. */
    default void notifyCheckpointAborted(long checkpointId) {
    }

    /** The {@link StateHandle.Native#format()} this backend writes and reads, or null when it has none. */
    default String nativeFormat() {
        return null;
    }

    /**
     * Replaces all state with a snapshot in this backend's native format (see {@link #nativeFormat()}).
     *
     * @param snapshot the tree of the snapshot's {@code _metadata}: every file must lie inside it
     * @param claimMode whether the job owns the snapshot's files and may build upon them
     * @throws UnsupportedOperationException when this backend has no native format
     */
    default void restoreNative(StateHandle.Native handle, SnapshotTree snapshot, ClaimMode claimMode) {
        throw new UnsupportedOperationException("this state backend reads no native format, not even "
                + handle.format());
    }

    /** Releases what the backend holds outside the heap (its local files); idempotent. */
    @Override
    default void close() {
    }
}
