package io.snapsim.rocksdb;

import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.LocatedFile;
import io.snapsim.core.storage.SnapshotTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Rebuilds a backend's database from a native checkpoint: every file is located inside the
 * checkpoint's tree and checked (present, its recorded size) before anything is copied; the files
 * are copied, under their original names, into a fresh database directory, which is opened and
 * checked against the backend (key groups, max parallelism, state kinds) before it replaces the old
 * one. The checkpoint's files are only read. The backend is unchanged when this throws.
 */
final class NativeRestore {
    private NativeRestore() {
    }

    static void restore(RocksStore store, IncrementalStateHandle handle, SnapshotTree checkpoint, ClaimMode claimMode) {
        store.checkNotClosed();
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(claimMode, "claimMode");
        requireSameKeyGroups(store, handle);
        List<LocatedFile> files = handle.locateFiles(checkpoint);
        for (LocatedFile file : files) {
            StateFiles.requireFile(file.realPath(), file.path(), file.size(),
                    (file.shared() ? "shared" : "private") + " file of checkpoint " + handle.checkpointId());
        }
        RocksDatabase fresh = copyAndOpen(store, files);
        SortedMap<String, RocksState> after;
        try {
            after = checkedStates(store, fresh, handle.checkpointId());
        } catch (RuntimeException e) {
            fresh.closeAndDelete();
            throw e;
        }
        store.install(fresh, after, null);
        if (claimMode == ClaimMode.CLAIM) {
            store.uploaded().reset(handle.sharedFilesBySstName());
        }
    }

    private static void requireSameKeyGroups(RocksStore store, IncrementalStateHandle handle) {
        KeyGroupRange range = store.range();
        if (!handle.keyGroupRange().equals(range) || handle.maxParallelism() != store.maxParallelism()) {
            throw new IllegalArgumentException("checkpoint " + handle.checkpointId() + " holds key groups ["
                    + handle.keyGroupRange().start() + ", " + handle.keyGroupRange().end() + "] of max parallelism "
                    + handle.maxParallelism() + ", but this backend holds [" + range.start() + ", " + range.end()
                    + "] of max parallelism " + store.maxParallelism()
                    + "; a checkpoint cannot be resumed at another parallelism: take a savepoint to rescale");
        }
    }

    private static RocksDatabase copyAndOpen(RocksStore store, List<LocatedFile> files) {
        Path directory = store.nextDatabaseDirectory();
        try {
            StateFiles.createDirectories(directory);
            for (LocatedFile file : files) {
                StateFiles.copy(file.realPath(), directory.resolve(file.databaseName()));
            }
            return RocksDatabase.open(directory, store.options());
        } catch (RuntimeException e) {
            StateFiles.deleteRecursively(directory);
            throw e;
        }
    }

    /** The backend's states after the restore, each with a column family in {@code fresh}. */
    private static SortedMap<String, RocksState> checkedStates(RocksStore store, RocksDatabase fresh, long checkpointId) {
        if (!fresh.range.equals(store.range()) || fresh.maxParallelism != store.maxParallelism()) {
            throw new IllegalArgumentException("checkpoint " + checkpointId
                    + " holds a database of key groups [" + fresh.range.start() + ", " + fresh.range.end()
                    + "] of max parallelism " + fresh.maxParallelism + " although its handle says otherwise");
        }
        SortedMap<String, RocksState> after = store.statesAfterRestore(fresh.stateKinds(), "checkpoint " + checkpointId);
        for (RocksState state : after.values()) {
            if (fresh.handle(state.name) == null) {
                fresh.addState(state.name, state.kind);
            }
        }
        return after;
    }
}
