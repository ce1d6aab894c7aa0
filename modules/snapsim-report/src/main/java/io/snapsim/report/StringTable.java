package io.snapsim.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Texts shared by index in the page's data, each written once. Not thread-safe. */
final class StringTable {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    /** The index of {@code text}, added when new. */
    int of(String text) {
        return index.computeIfAbsent(text, t -> {
            strings.add(t);
            return strings.size() - 1;
        });
    }

    List<String> strings() {
        return strings;
    }
}
