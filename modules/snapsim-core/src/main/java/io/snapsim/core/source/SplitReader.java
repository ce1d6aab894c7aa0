package io.snapsim.core.source;

/** Reads one split sequentially. Confined to the owning source task. */
public interface SplitReader<T> extends AutoCloseable {
    boolean hasNext() throws Exception;

    T next() throws Exception;

    /** The position to resume from after the records returned so far. */
    long position();

    @Override
    default void close() throws Exception {
    }
}
