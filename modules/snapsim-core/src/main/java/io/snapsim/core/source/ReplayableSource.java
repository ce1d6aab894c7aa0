package io.snapsim.core.source;

import java.io.Serializable;

/**
 * A source whose input is split into a fixed number of splits, each readable from any position.
 * A checkpoint records each split's position; a restore rewinds every split to it. The number of
 * splits does not depend on the parallelism, so positions survive rescaling: split {@code s} is read
 * by subtask {@code s % parallelism}.
 */
public interface ReplayableSource<T> extends Serializable {
    /** A short name for reports. */
    String name();

    int numberOfSplits();

    /** Opens split {@code split}, positioned so that the next record is the one at {@code position}. */
    SplitReader<T> createReader(int split, long position) throws Exception;
}
