package io.snapsim.core.storage;

/**
 * A pointer to one chunk of snapshotted state: the bytes themselves (small state, kept inside
 * {@code _metadata}), a file, or a state backend's native handle (a descriptor, kept inside
 * {@code _metadata}, of files the backend wrote itself). Immutable.
 */
public sealed interface StateHandle permits StateHandle.Inline, StateHandle.File, StateHandle.Native {

    /** Size of the state chunk in bytes: everything needed to restore it (Flink's "full size"). */
    long size();

    /**
     * Bytes this snapshot wrote for the chunk (Flink's "checkpointed data size"): the same as
     * {@link #size()} except for an incremental native handle, which reuses files of earlier checkpoints.
     */
    default long checkpointedSize() {
        return size();
    }

    /** State small enough to live inside the metadata file (below the inline threshold). */
    record Inline(byte[] bytes) implements StateHandle {
        public Inline {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Inline other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Inline[" + bytes.length + " bytes]";
        }
    }

    /**
     * State in a file. {@code path} is relative to the directory that holds the {@code _metadata}
     * file when {@code relative} is true (the snapshot can be moved), otherwise absolute. Either
     * way the file must lie inside the snapshot's {@link SnapshotTree}; readers refuse any other.
     * {@code crc32} is the checksum of the file's content, checked on restore.
     */
    record File(String path, boolean relative, long size, long crc32) implements StateHandle {
        public File {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("path must not be blank");
            }
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0");
            }
        }
    }

    /**
     * A state backend's own snapshot format, not readable by other backends: for example a RocksDB
     * checkpoint, whose files lie in the checkpoint's folder and (when incremental) in the job's
     * {@code shared/} folder. The descriptor names those files; only the backend of {@code format}
     * decodes it. A checkpoint made of native handles restores only into the backend that wrote it;
     * savepoints never hold native handles.
     *
     * @param format           the backend format, for example {@code rocksdb-native}
     * @param descriptor       the backend's description of its files (kept inside {@code _metadata})
     * @param checkpointedSize bytes this snapshot uploaded (the delta when incremental)
     * @param fullSize         bytes of every file needed to restore
     */
    record Native(String format, byte[] descriptor, long checkpointedSize, long fullSize) implements StateHandle {
        public Native {
            if (format == null || format.isBlank()) {
                throw new IllegalArgumentException("format must not be blank");
            }
            descriptor = descriptor.clone();
            if (checkpointedSize < 0 || fullSize < checkpointedSize) {
                throw new IllegalArgumentException("sizes must satisfy 0 <= checkpointed (" + checkpointedSize
                        + ") <= full (" + fullSize + ")");
            }
        }

        @Override
        public byte[] descriptor() {
            return descriptor.clone();
        }

        @Override
        public long size() {
            return fullSize;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Native other && format.equals(other.format) && java.util.Arrays.equals(descriptor,
                    other.descriptor) && checkpointedSize == other.checkpointedSize && fullSize == other.fullSize;
        }

        @Override
        public int hashCode() {
            return 31 * format.hashCode() + java.util.Arrays.hashCode(descriptor);
        }

        @Override
        public String toString() {
            return "Native[" + format + ", " + descriptor.length + " bytes of descriptor, checkpointed "
                    + checkpointedSize + ", full " + fullSize + "]";
        }
    }
}
