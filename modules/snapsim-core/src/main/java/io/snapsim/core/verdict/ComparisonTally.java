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
 * {@link OutputComparison#MAX_DUPLICATE_KEYS} keys (per kind of count) are held, so the tally's
 * size does not grow with the output. Confined to one comparison.
 */
final class ComparisonTally {
    static final int MAX_EXAMPLES = 5;

    private long referenceRecords;
    private long actualRecords;
    private long missing;
    private long duplicates;
    private long unexpected;
    /** The run's earliest differences, by position. */
    private final TreeMap<Long, Divergence> runExamples = new TreeMap<>();
    /** The smallest missing lines, with how often each is missing. */
    private final TreeMap<String, Long> missingExamples = new TreeMap<>();
    /** Duplicates of the smallest keys; a key once dropped is never smaller than all those kept. */
    private final TreeMap<String, Long> duplicatesByKey = new TreeMap<>();
    /** Every difference of the smallest keys that differ, by kind; as bounded as the duplicates. */
    private final TreeMap<String, KeyDifference> differencesByKey = new TreeMap<>();
    private boolean moreKeysDiffer;

    void referenceRecords(long count) {
        referenceRecords += count;
    }

    void actualRecord() {
        actualRecords++;
    }

    void duplicate(long position, String line) {
        duplicates++;
        duplicatesByKey.merge(Divergence.keyOf(line), 1L, Long::sum);
        keepSmallest(duplicatesByKey, OutputComparison.MAX_DUPLICATE_KEYS);
        keyDifference(line, new KeyDifference(0, 1, 0));
        runExample(position, new Divergence(Divergence.Kind.DUPLICATE, line));
    }

    void unexpected(long position, String line) {
        unexpected++;
        keyDifference(line, new KeyDifference(0, 0, 1));
        runExample(position, new Divergence(Divergence.Kind.UNEXPECTED, line));
    }

    void missing(String line, long count) {
        missing += count;
        keyDifference(line, new KeyDifference(count, 0, 0));
        if (missingExamples.size() < MAX_EXAMPLES || line.compareTo(missingExamples.lastKey()) < 0) {
            missingExamples.put(line, count);
            keepSmallest(missingExamples, MAX_EXAMPLES);
        }
    }

    /**
     * @param stateDifference the first difference of the final keyed states, or null when they are equal
     */
    OutputComparison toComparison(StateDifference stateDifference) {
        boolean stateEqual = stateDifference == null;
        List<String> examples = new ArrayList<>();
        runExamples.values().forEach(d -> examples.add(d.kind().displayName() + ": " + d.line()));
        for (Map.Entry<String, Long> e : missingExamples.entrySet()) {
            examples.add("missing: " + e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""));
        }
        if (!stateEqual) {
            examples.add("final keyed state differs: " + stateDifference.description());
        }
        return new OutputComparison(referenceRecords, actualRecords, missing, duplicates, unexpected,
                new TreeMap<>(duplicatesByKey), stateEqual, List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES,
                examples.size()))), new TreeMap<>(differencesByKey), moreKeysDiffer, firstDivergence(), stateDifference);
    }

    /** The run's earliest duplicate or unexpected line, else the smallest missing line; null when equal. */
    private Divergence firstDivergence() {
        if (!runExamples.isEmpty()) {
            return runExamples.firstEntry().getValue();
        }
        return missingExamples.isEmpty() ? null : new Divergence(Divergence.Kind.MISSING, missingExamples.firstKey());
    }

    private void keyDifference(String line, KeyDifference difference) {
        differencesByKey.merge(Divergence.keyOf(line), difference, KeyDifference::plus);
        if (differencesByKey.size() > OutputComparison.MAX_DUPLICATE_KEYS) {
            differencesByKey.pollLastEntry();
            moreKeysDiffer = true;
        }
    }

    private void runExample(long position, Divergence divergence) {
        if (runExamples.size() < MAX_EXAMPLES || position < runExamples.lastKey()) {
            runExamples.put(position, divergence);
            keepSmallest(runExamples, MAX_EXAMPLES);
        }
    }

    private static void keepSmallest(TreeMap<?, ?> map, int limit) {
        while (map.size() > limit) {
            map.pollLastEntry();
        }
    }
}
