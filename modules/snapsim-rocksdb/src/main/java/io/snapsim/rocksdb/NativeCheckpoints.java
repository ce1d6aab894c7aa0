package io.snapsim.rocksdb;

import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.rocksdb.NativeSnapshot.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The native snapshot strategy, full or incremental: the synchronous part takes a RocksDB checkpoint
 * (hard links to the immutable SST files) below the instance directory; the upload, on any thread,
 * copies it into the checkpoint storage. An incremental upload reuses the shared files of the last
 * checkpoint this backend was told completed, never those of a pending one that might still be
 * aborted; the store's {@link UploadedFiles} keeps that account. Confined to the owning task.
 */
final class NativeCheckpoints {
    private final RocksStore store;

    NativeCheckpoints(RocksStore store) {
        this.store = store;
    }

    /**
     * Flushes the memtables and takes a RocksDB checkpoint of the database into {@code scratchDir};
     * creates the database if nothing was written yet.
     *
     * @throws IllegalArgumentException if {@code scratchDir} exists
     */
    NativeSnapshot nativeCheckpoint(long checkpointId, Path scratchDir) {
        store.checkNotClosed();
        Objects.requireNonNull(scratchDir, "scratchDir");
        if (Files.exists(scratchDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("native checkpoint directory " + scratchDir
                    + " already exists; RocksDB checkpoints need a directory that does not");
        }
        RocksDatabase db = store.openDatabase();
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
        return new NativeSnapshot(checkpointId, scratchDir, store.range(), store.maxParallelism(), files);
    }

    /** The synchronous part of a native checkpoint, and what is left to upload. */
    NativeCheckpointUpload start(long checkpointId, boolean incremental, IncrementalUploader uploader) {
        Objects.requireNonNull(uploader, "uploader");
        NativeSnapshot snapshot = nativeCheckpoint(checkpointId, store.freshScratchDirectory(checkpointId));
        return new NativeCheckpointUpload(snapshot, incremental ? store.uploaded().reusable() : Map.of(), incremental,
                uploader);
    }

    /** A native checkpoint was uploaded: once it completes, the next incremental one reuses its shared files. */
    void uploaded(IncrementalStateHandle handle) {
        store.uploaded().taken(handle.checkpointId(), handle.sharedFilesBySstName());
    }

    void completed(long checkpointId) {
        store.uploaded().completed(checkpointId);
    }

    void aborted(long checkpointId) {
        store.uploaded().aborted(checkpointId);
    }
}
