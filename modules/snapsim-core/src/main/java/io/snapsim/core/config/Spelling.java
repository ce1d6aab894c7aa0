package io.snapsim.core.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known name a user probably meant, for "did you mean ...?" hints in error messages.
 * Stateless.
 */
public final class Spelling {

    private Spelling() {}

    /**
     * The candidate closest to {@code input}: one that ends with {@code "." + input} (the user left
     * out a prefix), else one that starts with an input of three or more characters (the user
     * abbreviated), else the one with the smallest edit distance if that distance is small for the
     * length of the input. Ties go to the alphabetically first candidate.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = candidate.endsWith("." + input) ? 0
                    : input.length() >= 3 && candidate.startsWith(input) ? 1
                    : distance(input, candidate);
            if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(2, input.length() / 3);
        return bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"} when there is a close candidate, else the empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
