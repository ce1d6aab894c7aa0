package io.snapsim.core.verdict;

import java.util.Locale;
import java.util.Objects;

/**
 * The first place a run's committed output differs from the reference's: the earliest line of the
 * run (in the order its output is read) that is a duplicate or unexpected, or, when the run has no
 * such line, the smallest line it lacks. Immutable.
 *
 * @param kind what is wrong with the line
 * @param line the line, without its line end
 */
public record Divergence(Kind kind, String line) {

    /** What is wrong with a line. */
    public enum Kind {
        /** The run committed it more often than the reference. */
        DUPLICATE,
        /** The reference never committed it. */
        UNEXPECTED,
        /** The run committed it less often than the reference: lost. */
        MISSING;

        /** As the report and the examples spell it: {@code duplicate}. */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Divergence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(line, "line");
    }

    /** The line's key: the text before its first comma (the whole line without one). */
    public String key() {
        return keyOf(line);
    }

    /** The key of an output line: the text before its first comma, or the whole line. */
    public static String keyOf(String line) {
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }
}
