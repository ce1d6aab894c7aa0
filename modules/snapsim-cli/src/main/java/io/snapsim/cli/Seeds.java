package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seeds of a sweep as {@code --seeds} gives them: a range {@code 1..500}, a seed {@code 7}, or
 * a comma-separated list of both ({@code 1,5,9}, {@code 1..10,42}). Seeds are non-negative; each
 * is run once, in the order given. Stateless.
 */
final class Seeds {

    /** More seeds than this is a typo, not a sweep. */
    static final int MAX_SEEDS = 1_000_000;

    private static final Pattern ITEM = Pattern.compile("(\\d{1,18})(?:\\.\\.(\\d{1,18}))?");

    private Seeds() {
    }

    /**
     * The seeds {@code text} names, duplicates dropped.
     *
     * @throws InvalidInputException with one line naming {@code --seeds} and the problem
     */
    static List<Long> parse(String text) {
        Set<Long> seeds = new LinkedHashSet<>();
        for (String item : text.split(",", -1)) {
            Matcher m = ITEM.matcher(item.trim());
            if (!m.matches()) {
                throw bad(text, "expected seeds such as 1..500, 7 or 1,5,9");
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2) == null ? first : Long.parseLong(m.group(2));
            if (last < first) {
                throw bad(text, "the range " + item.trim() + " is empty; write the smaller seed first");
            }
            if (last - first >= MAX_SEEDS) {
                throw bad(text, "more than " + MAX_SEEDS + " seeds");
            }
            for (long seed = first; seed <= last; seed++) {
                seeds.add(seed);
                if (seeds.size() > MAX_SEEDS) {
                    throw bad(text, "more than " + MAX_SEEDS + " seeds");
                }
            }
        }
        return List.copyOf(new ArrayList<>(seeds));
    }

    private static InvalidInputException bad(String text, String problem) {
        return new InvalidInputException("--seeds '" + text + "': " + problem);
    }
}
