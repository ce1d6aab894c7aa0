package io.snapsim.core.verdict;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Output lines in a fixed order, each with its position in that order, read through a cursor and
 * readable more than once: the comparison reads a reference again when it turns out too large to
 * hold, to split it. Implementations are immutable; each cursor is confined to the thread that
 * opened it.
 */
interface OutputLines {

    /** Opens a cursor before the first line; the caller closes it. */
    Cursor open() throws IOException;

    /**
     * About how many characters the lines hold, counting one per line end (for files, their size in
     * bytes): what a split divides by to size its partitions.
     */
    long size();

    /** Reads lines front to back, one at a time. */
    interface Cursor extends Closeable {
        /** Moves to the next line; false at the end. */
        boolean next() throws IOException;

        /** The current line, without its line end. */
        String line();

        /** The current line's position in the whole output, counted from 0. */
        long position();
    }

    /** What the sink made visible in {@code folders}, folder after folder, each folder's files by name. */
    static OutputLines ofFolders(List<Path> folders) {
        return new FolderLines(folders);
    }

    /** Lines already in memory, in list order. */
    static OutputLines of(List<String> lines) {
        return new ListLines(lines);
    }
}
