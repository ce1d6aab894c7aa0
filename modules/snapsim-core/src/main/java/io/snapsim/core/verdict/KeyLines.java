package io.snapsim.core.verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key's committed lines in a reference output and in a run's, side by side: each distinct line
 * of the key with how often each side committed it. Read by streaming both outputs once more, and
 * keeping the key's lines only, at most {@code limit} distinct ones (the smallest), so memory stays
 * bounded whatever the outputs' size. What a report shows next to the first divergence. Immutable.
 *
 * @param key   the key: the text before the first comma of a line
 * @param lines the key's distinct lines, in String order, each with both counts
 * @param more  whether the key has further distinct lines beyond {@code lines}
 */
public record KeyLines(String key, List<Line> lines, boolean more) {

    /** A distinct line, and how often the reference and the run committed it. */
    public record Line(String text, long reference, long actual) {
        public boolean differs() {
            return reference != actual;
        }
    }

    public KeyLines {
        lines = List.copyOf(lines);
    }

    /**
     * The lines of {@code key} in the committed output of the given sink output folders.
     *
     * @param referenceFolders the reference run's output folders
     * @param actualFolders    the run's output folders, oldest first
     * @param limit            distinct lines kept at most
     * @throws UncheckedIOException when an output file cannot be read
     */
    public static KeyLines of(String key, List<Path> referenceFolders, List<Path> actualFolders, int limit) {
        TreeMap<String, long[]> counts = new TreeMap<>();
        boolean more = count(OutputLines.ofFolders(referenceFolders), key, 0, counts, limit)
                | count(OutputLines.ofFolders(actualFolders), key, 1, counts, limit);
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            lines.add(new Line(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return new KeyLines(key, lines, more);
    }

    /** Adds the side's count of each line of {@code key}; true when a line had to be left out. */
    private static boolean count(OutputLines output, String key, int side, TreeMap<String, long[]> counts, int limit) {
        boolean leftOut = false;
        try (OutputLines.Cursor cursor = output.open()) {
            while (cursor.next()) {
                String line = cursor.line();
                if (line.startsWith(key) && Divergence.keyOf(line).equals(key)) {
                    counts.computeIfAbsent(line, l -> new long[2])[side]++;
                    if (counts.size() > limit) {
                        counts.pollLastEntry();
                        leftOut = true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output to show the lines of key " + key + ": "
                    + e.getMessage(), e);
        }
        return leftOut;
    }
}
