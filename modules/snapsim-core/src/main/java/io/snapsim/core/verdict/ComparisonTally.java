package io.snapsim.core.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running totals of a comparison, fed line by line in any partition order, and the few
 * examples it keeps: the first differences of the run by position (duplicates and unexpected
 * lines, as a reader of the run's output meets them), then the smallest missing lines, then the
 * state difference, five in all. Only those few and at most
 * {@link OutputComparison#MAX_DUPLICATE_KEYS} keys are held, so the tally's size does not grow
 * with the output. Confined to one comparison.
 */
final class ComparisonTally {
    static final int MAX_EXAMPLES = 5;

    private long referenceRecords;
    private long actualRecords;
    private long missing;
    private long duplicates;
    private long unexpected;
    /** The run's earliest differences, by position. */
    private final TreeMap<Long, String> runExamples = new TreeMap<>();
    /** The smallest missing lines, with how often each is missing. */
    private final TreeMap<String, Long> missingExamples = new TreeMap<>();
    /** Duplicates of the smallest keys; a key once dropped is never smaller than all those kept. */
    private final TreeMap<String, Long> duplicatesByKey = new TreeMap<>();

    void referenceRecords(long count) {
        referenceRecords += count;
    }

    void actualRecord() {
        actualRecords++;
    }

    void duplicate(long position, String line) {
        duplicates++;
        duplicatesByKey.merge(keyOf(line), 1L, Long::sum);
        keepSmallest(duplicatesByKey, OutputComparison.MAX_DUPLICATE_KEYS);
        runExample(position, "duplicate: ", line);
    }

    void unexpected(long position, String line) {
        unexpected++;
        runExample(position, "unexpected: ", line);
    }

    void missing(String line, long count) {
        missing += count;
        if (missingExamples.size() < MAX_EXAMPLES || line.compareTo(missingExamples.lastKey()) < 0) {
            missingExamples.put(line, count);
            keepSmallest(missingExamples, MAX_EXAMPLES);
        }
    }

    /**
     * @param stateEqual      whether the final keyed states are equal
     * @param stateDifference the first difference when they are not
     */
    OutputComparison toComparison(boolean stateEqual, String stateDifference) {
        List<String> examples = new ArrayList<>(runExamples.values());
        for (Map.Entry<String, Long> e : missingExamples.entrySet()) {
            examples.add("missing: " + e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""));
        }
        if (!stateEqual) {
            examples.add("final keyed state differs: " + stateDifference);
        }
        return new OutputComparison(referenceRecords, actualRecords, missing, duplicates, unexpected,
                new TreeMap<>(duplicatesByKey), stateEqual, List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES,
                examples.size()))));
    }

    private void runExample(long position, String kind, String line) {
        if (runExamples.size() < MAX_EXAMPLES || position < runExamples.lastKey()) {
            runExamples.put(position, kind + line);
            keepSmallest(runExamples, MAX_EXAMPLES);
        }
    }

    private static void keepSmallest(TreeMap<?, ?> map, int limit) {
        while (map.size() > limit) {
            map.pollLastEntry();
        }
    }

    private static String keyOf(String line) {
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }
}
