package io.snapsim.core.verdict;

/**
 * How one output key's committed records differ from the reference's: the key is the text before
 * the first comma of a line. Counts are exact. Immutable.
 *
 * @param missing    occurrences of the key's reference lines the run lacks (lost)
 * @param duplicates extra occurrences of the key's lines the reference also has
 * @param unexpected occurrences of the key's lines the reference never produced
 */
public record KeyDifference(long missing, long duplicates, long unexpected) {

    /** Every difference of the key. */
    public long total() {
        return missing + duplicates + unexpected;
    }

    KeyDifference plus(KeyDifference other) {
        return new KeyDifference(missing + other.missing, duplicates + other.duplicates, unexpected + other.unexpected);
    }
}
