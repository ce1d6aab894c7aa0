package io.snapsim.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers for the sentences explanations are made of. Stateless. */
final class Words {
    private Words() {
    }

    /** "1 record", "3 records". */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "nothing";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Source positions as "split-0 at record 11264 and split-2 at record 11264". */
    static String positions(Map<String, Long> positions) {
        List<String> parts = new ArrayList<>();
        positions.forEach((split, next) -> parts.add(split + " at record " + next));
        return list(parts);
    }

    /** Bytes as "512 B", "19.2 KiB", "1.2 MiB". */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** The text, or what stands for it when there is none. */
    static String orElse(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }
}
