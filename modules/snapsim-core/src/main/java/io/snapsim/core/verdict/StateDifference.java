package io.snapsim.core.verdict;

import java.util.Objects;

/**
 * Where two final keyed states first differ, operator by operator, state by state, key by key.
 * Immutable.
 *
 * @param operator    the operator's uid
 * @param state       the state's name, or null when the whole operator is missing on one side
 * @param key         the key whose values differ, or null when the difference is not one key's value
 * @param expected    the reference's value for {@code key}, or null
 * @param actual      the run's value for {@code key}, or null (also when the run lacks the key)
 * @param description the difference in words, e.g. {@code sum/total[7]: expected 10, was 12}
 */
public record StateDifference(String operator, String state, String key, String expected, String actual,
                              String description) {

    public StateDifference {
        Objects.requireNonNull(description, "description");
    }

    /** A difference that is not one key's value: a missing operator or state, a different number of keys. */
    static StateDifference structural(String operator, String state, String description) {
        return new StateDifference(operator, state, null, null, null, description);
    }

    @Override
    public String toString() {
        return description;
    }
}
