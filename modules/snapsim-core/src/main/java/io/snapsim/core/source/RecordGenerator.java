package io.snapsim.core.source;

import java.io.Serializable;

/**
 * Computes the record at a position of a split from the seed alone, so that a generated stream can
 * be replayed from any position without storing it.
 */
@FunctionalInterface
public interface RecordGenerator<T> extends Serializable {
    T generate(long seed, int split, long index);

    /** Whether the split has a record at this index; lets a generator end a split early. */
    default boolean hasRecord(int split, long index, int numberOfSplits) {
        return true;
    }
}
