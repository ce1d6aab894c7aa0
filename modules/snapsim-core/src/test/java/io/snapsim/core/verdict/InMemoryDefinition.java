package io.snapsim.core.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The comparison as snapsim first defined it (every line of both outputs in memory, one hash map of
 * counts), kept as the oracle the bounded-memory comparison must equal: same counts, same
 * duplicates and differences per key, same examples in the same order, the same first divergence.
 * Output lines only; no keyed state.
 */
final class InMemoryDefinition {
    private static final int MAX_EXAMPLES = 5;

    private InMemoryDefinition() {
    }

    static OutputComparison compare(List<String> reference, List<String> actual) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : reference) {
            counts.merge(line, 1L, Long::sum);
        }
        Map<String, Long> referenceCounts = new HashMap<>(counts);
        long duplicates = 0;
        long unexpected = 0;
        SortedMap<String, Long> dupByKey = new TreeMap<>();
        TreeMap<String, KeyDifference> byKey = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        Divergence first = null;
        for (String line : actual) {
            Long left = counts.get(line);
            if (left != null && left > 0) {
                counts.put(line, left - 1);
            } else if (referenceCounts.containsKey(line)) {
                duplicates++;
                dupByKey.merge(keyOf(line), 1L, Long::sum);
                byKey.merge(keyOf(line), new KeyDifference(0, 1, 0), KeyDifference::plus);
                addExample(examples, "duplicate: " + line);
                first = first != null ? first : new Divergence(Divergence.Kind.DUPLICATE, line);
            } else {
                unexpected++;
                byKey.merge(keyOf(line), new KeyDifference(0, 0, 1), KeyDifference::plus);
                addExample(examples, "unexpected: " + line);
                first = first != null ? first : new Divergence(Divergence.Kind.UNEXPECTED, line);
            }
        }
        long missing = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            if (e.getValue() > 0) {
                missing += e.getValue();
                byKey.merge(keyOf(e.getKey()), new KeyDifference(e.getValue(), 0, 0), KeyDifference::plus);
                addExample(examples, "missing: " + e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""));
                first = first != null ? first : new Divergence(Divergence.Kind.MISSING, e.getKey());
            }
        }
        boolean moreKeys = byKey.size() > OutputComparison.MAX_DUPLICATE_KEYS;
        while (byKey.size() > OutputComparison.MAX_DUPLICATE_KEYS) {
            byKey.pollLastEntry();
        }
        return new OutputComparison(reference.size(), actual.size(), missing, duplicates, unexpected, dupByKey, true,
                examples, byKey, moreKeys, first, null);
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
}
