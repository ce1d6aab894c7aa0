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
    static StateDifference first(Map<String, ? extends Map<String, ? extends Map<String, Object>>> expected,
                                 Map<String, ? extends Map<String, ? extends Map<String, Object>>> actual) {
        for (var op : new TreeMap<>(expected).entrySet()) {
            var other = actual.get(op.getKey());
            if (other == null) {
                return StateDifference.structural(op.getKey(), null, "operator " + op.getKey() + " has no state in the run");
            }
            for (var st : new TreeMap<>(op.getValue()).entrySet()) {
                StateDifference difference = firstInState(op.getKey(), st.getKey(), st.getValue(), other.get(st.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
        }
        return StateDifference.structural(null, null, "the run has state the reference has not");
    }

    private static StateDifference firstInState(String operator, String state, Map<String, Object> expected,
                                                Map<String, Object> actual) {
        String name = operator + "/" + state;
        if (actual == null) {
            return StateDifference.structural(operator, state, name + " is missing in the run");
        }
        for (var kv : new TreeMap<>(expected).entrySet()) {
            Object v = actual.get(kv.getKey());
            if (!String.valueOf(kv.getValue()).equals(String.valueOf(v))) {
                return new StateDifference(operator, state, kv.getKey(), String.valueOf(kv.getValue()),
                        v == null ? null : String.valueOf(v), name + "[" + kv.getKey() + "]: expected " + kv.getValue()
                        + ", was " + v);
            }
        }
        if (actual.size() != expected.size()) {
            return StateDifference.structural(operator, state, name + ": " + expected.size() + " keys expected, "
                    + actual.size() + " found");
        }
        return null;
    }
}
