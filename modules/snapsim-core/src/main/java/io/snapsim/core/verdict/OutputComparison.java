package io.snapsim.core.verdict;

import java.util.ArrayList;
import java.util.HashMap;
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
 * @param duplicatesByKey   duplicates per key (the text before the first comma of a line)
 * @param stateEqual        whether the final keyed state is equal
 * @param examples          a few concrete differences, for the report
 */
public record OutputComparison(
        long referenceRecords,
        long actualRecords,
        long missing,
        long duplicates,
        long unexpected,
        SortedMap<String, Long> duplicatesByKey,
        boolean stateEqual,
        List<String> examples) {

    private static final int MAX_EXAMPLES = 5;

    public boolean outputEqual() {
        return missing == 0 && duplicates == 0 && unexpected == 0;
    }

    /** Compares two runs' output lines and final keyed state. */
    public static OutputComparison compare(List<String> reference, List<String> actual,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> referenceState,
                                           Map<String, ? extends Map<String, ? extends Map<String, Object>>> actualState) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : reference) {
            counts.merge(line, 1L, Long::sum);
        }
        Map<String, Long> referenceCounts = new HashMap<>(counts);
        long duplicates = 0;
        long unexpected = 0;
        SortedMap<String, Long> dupByKey = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        for (String line : actual) {
            Long left = counts.get(line);
            if (left != null && left > 0) {
                counts.put(line, left - 1);
            } else if (referenceCounts.containsKey(line)) {
                duplicates++;
                dupByKey.merge(keyOf(line), 1L, Long::sum);
                addExample(examples, "duplicate: " + line);
            } else {
                unexpected++;
                addExample(examples, "unexpected: " + line);
            }
        }
        long missing = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            if (e.getValue() > 0) {
                missing += e.getValue();
                addExample(examples, "missing: " + e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""));
            }
        }
        boolean stateEqual = String.valueOf(referenceState).equals(String.valueOf(actualState));
        if (!stateEqual) {
            addExample(examples, "final keyed state differs: " + firstStateDifference(referenceState, actualState));
        }
        return new OutputComparison(reference.size(), actual.size(), missing, duplicates, unexpected,
                dupByKey, stateEqual, examples);
    }

    private static String keyOf(String line) {
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }

    private static void addExample(List<String> examples, String example) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(example);
        }
    }

    private static String firstStateDifference(Map<String, ? extends Map<String, ? extends Map<String, Object>>> expected,
                                               Map<String, ? extends Map<String, ? extends Map<String, Object>>> actual) {
        for (var op : new TreeMap<>(expected).entrySet()) {
            var other = actual.get(op.getKey());
            if (other == null) {
                return "operator " + op.getKey() + " has no state in the run";
            }
            for (var st : new TreeMap<>(op.getValue()).entrySet()) {
                var otherState = other.get(st.getKey());
                if (otherState == null) {
                    return op.getKey() + "/" + st.getKey() + " is missing in the run";
                }
                for (var kv : new TreeMap<>(st.getValue()).entrySet()) {
                    Object v = otherState.get(kv.getKey());
                    if (!String.valueOf(kv.getValue()).equals(String.valueOf(v))) {
                        return op.getKey() + "/" + st.getKey() + "[" + kv.getKey() + "]: expected " + kv.getValue()
                                + ", was " + v;
                    }
                }
                if (otherState.size() != st.getValue().size()) {
                    return op.getKey() + "/" + st.getKey() + ": " + st.getValue().size() + " keys expected, "
                            + otherState.size() + " found";
                }
            }
        }
        return "the run has state the reference has not";
    }
}
