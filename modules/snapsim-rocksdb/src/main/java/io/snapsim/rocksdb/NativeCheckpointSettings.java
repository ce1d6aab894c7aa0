package io.snapsim.rocksdb;

import java.util.Objects;

/**
 * How a backend's checkpoints are uploaded: incrementally (only the SST files the last completed
 * checkpoint lacks, into {@code shared/}) or as full copies, under the names of {@code uploader}.
 * Immutable.
 */
public record NativeCheckpointSettings(boolean incremental, IncrementalUploader uploader) {
    public NativeCheckpointSettings {
        Objects.requireNonNull(uploader, "uploader");
    }
}
