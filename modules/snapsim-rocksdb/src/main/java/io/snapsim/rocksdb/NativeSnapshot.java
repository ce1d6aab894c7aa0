package io.snapsim.rocksdb;

import io.snapsim.core.state.KeyGroupRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A RocksDB checkpoint of one backend, taken by {@link RocksDBKeyedStateBackend#nativeCheckpoint}:
 * a directory holding hard links to the database's SST files plus its own copies of the files that
 * describe them (MANIFEST, CURRENT, OPTIONS, an empty write-ahead log). Reopening the directory gives
 * the state as of the checkpoint.
 *
 * <p>SST files never change once written and their names are never reused within one database,
 * so they are {@linkplain NativeFile#shareable() shareable} between checkpoints; the other files are
 * private to this checkpoint. The directory is scratch space on the backend's file system: upload
 * it (see {@link IncrementalUploader}), then {@link #discard()} it.
 *
 * <p>Immutable value; the directory it names is not: nothing may write into it.
 *
 * @param checkpointId the checkpoint this snapshot was taken for
 * @param directory the checkpoint directory
 * @param keyGroupRange the key groups of the backend
 * @param maxParallelism the max parallelism of the backend
 * @param files every file of the directory, by name
 */
public record NativeSnapshot(
        long checkpointId, Path directory, KeyGroupRange keyGroupRange, int maxParallelism, List<NativeFile> files) {

    /**
     * One file of a native checkpoint.
     *
     * @param name its file name
     * @param size its size in bytes
     */
    public record NativeFile(String name, long size) {
        public NativeFile {
            if (!StateFiles.isPlainFileName(name)) {
                throw new IllegalArgumentException("not a plain file name: " + name);
            }
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size + " of " + name);
            }
        }

        /** Whether the file is an SST file: immutable, and so shareable between checkpoints. */
        public boolean shareable() {
            return name.endsWith(".sst");
        }
    }

    public NativeSnapshot {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(keyGroupRange, "keyGroupRange");
        files = List.copyOf(files);
    }

    /** The total size of the files, in bytes. */
    public long size() {
        return files.stream().mapToLong(NativeFile::size).sum();
    }

    /** Deletes the checkpoint directory; the database keeps its own links to the SST files. */
    public void discard() {
        StateFiles.deleteRecursively(directory);
    }
}
