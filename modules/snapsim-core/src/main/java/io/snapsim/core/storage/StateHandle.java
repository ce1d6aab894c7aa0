package io.snapsim.core.storage;

/**
 * A pointer to one chunk of snapshotted state: either the bytes themselves (small state, kept
 * inside {@code _metadata}) or a file. Immutable.
 */
public sealed interface StateHandle permits StateHandle.Inline, StateHandle.File {

    /** Size of the state chunk in bytes. */
    long size();

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
     * file when {@code relative} is true (the snapshot can be moved), otherwise absolute.
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
}
