package io.snapsim.rocksdb;

import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.backend.SnapshotTarget;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import io.snapsim.core.storage.StateHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The asynchronous part of a native checkpoint: the files of a RocksDB checkpoint taken by
 * {@link RocksDBKeyedStateBackend#startNativeCheckpoint}, to be uploaded into the checkpoint's
 * folder (and, when incremental, the job's {@code shared/} folder).
 *
 * <p>Holds only an immutable snapshot of which files may be reused, so {@link #upload} may run on
 * any thread while the task goes on processing records, as the asynchronous part of a Flink
 * checkpoint does. Exactly one of {@link #upload} or {@link #discard} is to be called; either
 * deletes the local native checkpoint. The owning backend learns the result from
 * {@link RocksDBKeyedStateBackend#nativeCheckpointUploaded}, on the task's thread.
 */
public final class NativeCheckpointUpload implements KeyedSnapshot {
    private final NativeSnapshot snapshot;
    private final Map<String, SharedFile> reusable;
    private final boolean incremental;
    private final IncrementalUploader uploader;

    NativeCheckpointUpload(NativeSnapshot snapshot, Map<String, SharedFile> reusable, boolean incremental,
            IncrementalUploader uploader) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.reusable = Map.copyOf(reusable);
        this.incremental = incremental;
        this.uploader = Objects.requireNonNull(uploader, "uploader");
    }

    public long checkpointId() {
        return snapshot.checkpointId();
    }

    public boolean incremental() {
        return incremental;
    }

    /**
     * Uploads the files and deletes the local native checkpoint.
     *
     * @param jobDirectory the job's checkpoint directory, holding {@code shared/}
     * @param checkpointDirectory this checkpoint's directory ({@code chk-{id}})
     * @throws java.io.UncheckedIOException if a copy fails (the local checkpoint is deleted all the same)
     */
    public IncrementalStateHandle upload(Path jobDirectory, Path checkpointDirectory) {
        try {
            return incremental
                    ? uploader.uploadIncremental(snapshot, reusable, jobDirectory, checkpointDirectory)
                    : uploader.uploadFull(snapshot, checkpointDirectory);
        } finally {
            snapshot.discard();
        }
    }

    /**
     * Uploads into the target's checkpoint folder and the job's {@code shared/} folder, as a native
     * state handle. The coordinator made the checkpoint's folder at the trigger and deletes it on
     * abort: when it is gone, nothing is uploaded, so that a late upload never brings an aborted
     * checkpoint's folder back.
     *
     * @throws UncheckedIOException if the folder is gone or a copy fails (the local checkpoint is deleted all the same)
     */
    @Override
    public StateHandle write(SnapshotTarget target) {
        if (!Files.isDirectory(target.directory())) {
            discard();
            throw new UncheckedIOException(new IOException("the folder of checkpoint " + target.checkpointId()
                    + " is gone (the checkpoint was aborted)"));
        }
        return upload(target.jobDirectory(), target.directory()).toStateHandle();
    }

    /** Deletes the local native checkpoint without uploading it. */
    @Override
    public void discard() {
        snapshot.discard();
    }

    @Override
    public String toString() {
        return "NativeCheckpointUpload[" + snapshot.checkpointId() + (incremental ? ", incremental" : ", full")
                + ", " + uploader.privateDirectoryName() + "]";
    }
}
