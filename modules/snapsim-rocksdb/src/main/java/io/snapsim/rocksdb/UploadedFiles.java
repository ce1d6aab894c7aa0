package io.snapsim.rocksdb;

import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which shared files one database's next incremental checkpoint may reference instead of
 * uploading: those of the last checkpoint known to have completed, never those of a pending one,
 * which may still be aborted and its files deleted (as Flink's incremental snapshot strategy does).
 *
 * <p>Keyed by SST name, which is unique only within one database: whoever replaces the database
 * must {@link #reset} this.
 *
 * <p>Confined to the owning backend.
 */
final class UploadedFiles {
    /** SST name to shared file, of the last completed checkpoint. */
    private Map<String, SharedFile> base = Map.of();
    /** The shared files of each checkpoint taken and not yet completed, aborted or subsumed. */
    private final TreeMap<Long, Map<String, SharedFile>> pending = new TreeMap<>();

    /** The files the next checkpoint need not upload again. */
    Map<String, SharedFile> reusable() {
        return base;
    }

    /** A checkpoint was taken, referencing these shared files (none for a full checkpoint). */
    void taken(long checkpointId, Map<String, SharedFile> sharedFiles) {
        pending.put(checkpointId, Map.copyOf(sharedFiles));
    }

    /**
     * A checkpoint this database took completed: its files become reusable, and every pending
     * checkpoint before it is forgotten (subsumed). Any other id (a savepoint, or a checkpoint from
     * before a restore) changes nothing: a savepoint subsumes no checkpoint.
     */
    void completed(long checkpointId) {
        Map<String, SharedFile> files = pending.get(checkpointId);
        if (files == null) {
            return;
        }
        base = files;
        pending.headMap(checkpointId, true).clear();
    }

    void aborted(long checkpointId) {
        pending.remove(checkpointId);
    }

    /** The database was replaced: only {@code restored} (the files it was built from) may be reused. */
    void reset(Map<String, SharedFile> restored) {
        base = Map.copyOf(restored);
        pending.clear();
    }
}
