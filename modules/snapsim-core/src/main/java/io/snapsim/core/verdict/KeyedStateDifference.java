package io.snapsim.core.verdict;

import java.util.Map;
import java.util.TreeMap;

/** Whether two runs' final keyed states are equal, and where they first differ. Stateless. */
final class KeyedStateDifference {
    private KeyedStateDifference() {
    }

    /** Equal when both print the same: values are compared as text, as the report shows them. */
    static boolean equal(Map<String, ? extends Map<String, ? extends Map<String, Object>>> expected,
                         Map<String, ? extends Map<String, ? extends Map<String, Object>>> actual) {
        return String.valueOf(expected).equals(String.valueOf(actual));
    }

    /** The first difference, operator by operator, state by state, key by key, for a report. */
    static String first(Map<String, ? extends Map<String, ? extends Map<String, Object>>> expected,
                        Map<String, ? extends Map<String, ? extends Map<String, Object>>> actual) {
        for (var op : new TreeMap<>(expected).entrySet()) {
            var other = actual.get(op.getKey());
            if (other == null) {
                return "operator " + op.getKey() + " has no state in the run";
            }
            for (var st : new TreeMap<>(op.getValue()).entrySet()) {
                String difference = firstInState(op.getKey() + "/" + st.getKey(), st.getValue(), other.get(st.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
        }
        return "the run has state the reference has not";
    }

    private static String firstInState(String name, Map<String, Object> expected, Map<String, Object> actual) {
        if (actual == null) {
            return name + " is missing in the run";
        }
        for (var kv : new TreeMap<>(expected).entrySet()) {
            Object v = actual.get(kv.getKey());
            if (!String.valueOf(kv.getValue()).equals(String.valueOf(v))) {
                return name + "[" + kv.getKey() + "]: expected " + kv.getValue() + ", was " + v;
            }
        }
        if (actual.size() != expected.size()) {
            return name + ": " + expected.size() + " keys expected, " + actual.size() + " found";
        }
        return null;
    }
}
