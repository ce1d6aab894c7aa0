package io.snapsim.core.backend;

import io.snapsim.core.storage.StateHandle;
import java.util.Objects;

/**
 * What is left of a keyed state snapshot after its synchronous part: the bytes or files to write
 * into the checkpoint storage. Exactly one of {@link #write} or {@link #discard} is called, on any
 * thread; implementations hold no reference to the live state, so the task may go on meanwhile.
 */
public interface KeyedSnapshot {

    /**
     * Writes the snapshot into {@code target} and returns its handle for the checkpoint metadata.
     *
     * @throws java.io.UncheckedIOException if writing fails (what the snapshot held locally is deleted all the same)
     */
    StateHandle write(SnapshotTarget target);

    /** Drops the snapshot without writing it, deleting what it held locally. */
    void discard();

    /** A snapshot in the canonical format every backend reads: written as one state chunk. */
    static KeyedSnapshot canonical(byte[] bytes) {
        return new Canonical(bytes);
    }

    /** Canonical bytes, written as the chunk {@code {base}-keyed}. */
    record Canonical(byte[] bytes) implements KeyedSnapshot {
        public Canonical {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public StateHandle write(SnapshotTarget target) {
            return target.writeState("keyed", bytes);
        }

        @Override
        public void discard() {
            // nothing outside the heap
        }
    }
}
