package io.snapsim.cli;

import java.io.InputStream;
import java.util.Objects;

/**
 * What a command may read from: the process's standard input, and whether it is a terminal (then
 * {@code snapsim step} edits lines with JLine), or input piped in (then it reads commands line by
 * line and echoes them).
 */
record CommandInput(InputStream stream, boolean terminal) {

    CommandInput {
        Objects.requireNonNull(stream, "stream");
    }

    /** Input piped in from {@code stream}, not a terminal. */
    static CommandInput piped(InputStream stream) {
        return new CommandInput(stream, false);
    }
}
