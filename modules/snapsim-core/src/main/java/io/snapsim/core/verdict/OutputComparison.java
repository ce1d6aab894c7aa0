package io.snapsim.core.verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The difference between the committed output (and final keyed state) of a run and of its
 * failure-free reference run, as multisets of output lines.
 *
 * @param referenceRecords  lines the reference run committed
 * @param actualRecords     lines the run committed
 * @param missing           lines of the reference the run lacks (counted with multiplicity): lost data
 * @param duplicates        extra occurrences of lines the reference also has
 * @param unexpected        lines the reference never produced
 * @param duplicatesByKey   duplicates per key (the text before the first comma of a line), for the
 *                          {@value #MAX_DUPLICATE_KEYS} smallest keys (in String order) that have
 *                          duplicates, each with its exact count; duplicates of further keys are in
 *                          {@code duplicates} but not listed here
 * @param stateEqual        whether the final keyed state is equal
 * @param examples          a few concrete differences, for the report: the run's first duplicate or
 *                          unexpected lines in the order its output is read, then the smallest missing
 *                          lines, then the first state difference; five at most
 * @param differencesByKey  lost, duplicate and unexpected counts per key, exact, for the
 *                          {@value #MAX_DUPLICATE_KEYS} smallest keys (in String order) that differ
 * @param moreKeysDiffer    whether further keys differ beyond those {@code differencesByKey} lists
 * @param firstDivergence   the first line that differs ({@link Divergence}), or null when the outputs are equal
 * @param stateDifference   where the final keyed states first differ, or null when they are equal
 */
public record OutputComparison(
        long referenceRecords,
        long actualRecords,
        long missing,
        long duplicates,
        long unexpected,
        SortedMap<String, Long> duplicatesByKey,
        boolean stateEqual,
        List<String> examples,
        SortedMap<String, KeyDifference> differencesByKey,
        boolean moreKeysDiffer,
        Divergence firstDivergence,
        StateDifference stateDifference) {

    public OutputComparison {
        duplicatesByKey = Collections.unmodifiableSortedMap(new TreeMap<>(duplicatesByKey));
        examples = List.copyOf(examples);
        differencesByKey = Collections.unmodifiableSortedMap(new TreeMap<>(differencesByKey));
    }

    /** A comparison known by its counts and examples alone, without per-key differences or a first divergence. */
    public OutputComparison(long referenceRecords, long actualRecords, long missing, long duplicates, long unexpected,
                            SortedMap<String, Long> duplicatesByKey, boolean stateEqual, List<String> examples) {
        this(referenceRecords, actualRecords, missing, duplicates, unexpected, duplicatesByKey, stateEqual, examples,
                new TreeMap<>(), false, null, null);
    }

    /** Keys {@link #duplicatesByKey} lists at most, so that a report stays small whatever the run did. */
    public static final int MAX_DUPLICATE_KEYS = 1000;
    /** The memory budget of a comparison on a large heap. */
    public static final long MAX_MEMORY_BUDGET_BYTES = 64L * 1024 * 1024;

    public boolean outputEqual() {
        return missing == 0 && duplicates == 0 && unexpected == 0;
    }

    /** Compares two runs' output lines, already in memory, and final keyed state. */
    public static OutputComparison compare(List<String> reference, List<String> actual,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> actualState) {
        try {
            ComparisonTally tally = new PartitionedComparison(null, Long.MAX_VALUE)
                    .compare(OutputLines.of(reference), OutputLines.of(actual));
            return withState(tally, referenceState, actualState);
        } catch (IOException e) {
            throw new UncheckedIOException("lines in memory cannot fail to read", e);
        }
    }

    /**
     * Compares the committed output in sink output folders, streamed from disk in bounded memory
     * ({@link #defaultMemoryBudget()}), and the final keyed state. A folder's output is what
     * {@link io.snapsim.core.sink.SinkOutput#visibleFiles} lists; several folders are one output
     * read in the order given (a resumed run's earlier runs first). Large outputs are spilled to
     * {@code scratch}, which is created if needed and left as it was found, also on failure.
     *
     * @param referenceFolders the reference run's output folders
     * @param actualFolders    the run's output folders, oldest first
     * @param scratch          a folder for spill files, used by this comparison alone while it runs
     * @throws UncheckedIOException when an output file cannot be read (for example, it is not UTF-8)
     */
    public static OutputComparison compare(List<Path> referenceFolders, List<Path> actualFolders,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> actualState,
                                           Path scratch) {
        return compare(referenceFolders, actualFolders, referenceState, actualState, scratch, defaultMemoryBudget());
    }

    /** As {@link #compare(List, List, Map, Map, Path)}, with the reference counts' memory budget given. */
    static OutputComparison compare(List<Path> referenceFolders, List<Path> actualFolders,
                                    Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                    Map<String, ? extends Map<String, ? extends Map<String, Object>>> actualState,
                                    Path scratch, long memoryBudgetBytes) {
        try {
            ComparisonTally tally = new PartitionedComparison(scratch, memoryBudgetBytes)
                    .compare(OutputLines.ofFolders(referenceFolders), OutputLines.ofFolders(actualFolders));
            return withState(tally, referenceState, actualState);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare the output in " + actualFolders + " with the reference in "
                    + referenceFolders + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the reference's distinct lines may cost in memory before the comparison spills to disk:
     * {@value #MAX_MEMORY_BUDGET_BYTES} bytes, or an eighth of the maximum heap when that is less.
     * Outputs whose distinct lines fit (about 400,000 lines of 20 characters at 64 MiB) never touch
     * the disk.
     */
    public static long defaultMemoryBudget() {
        return Math.min(MAX_MEMORY_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 8);
    }

    private static OutputComparison withState(ComparisonTally tally,
                                              Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                              Map<String, ? extends Map<String, ? extends Map<String, Object>>> actualState) {
        boolean stateEqual = KeyedStateDifference.equal(referenceState, actualState);
        return tally.toComparison(stateEqual ? null : KeyedStateDifference.first(referenceState, actualState));
    }
}
