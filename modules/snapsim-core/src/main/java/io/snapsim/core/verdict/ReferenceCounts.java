package io.snapsim.core.verdict;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct lines of a reference output with how often each occurs, held in memory while they
 * fit a budget, and matched against a run's lines as the original in-memory comparison did: an
 * occurrence the reference still has left matches it, one more of a line the reference has is a
 * duplicate, a line it never had is unexpected, what is left over is missing. Identical lines
 * share one entry, so repetition costs nothing. Confined to one comparison.
 */
final class ReferenceCounts {
    /**
     * What one distinct line costs in memory besides two bytes per character: the String and its
     * array headers, the hash map node and table slot, and the count.
     */
    static final long ENTRY_OVERHEAD_BYTES = 112;

    private final Map<String, Count> counts = new HashMap<>();
    private long records;
    private long charactersRead;
    private boolean complete;

    private ReferenceCounts() {
    }

    /** A reference line's occurrences not yet matched by the run. */
    private static final class Count {
        long remaining;
    }

    /**
     * Reads {@code reference} until its distinct lines would cost more than {@code budgetBytes};
     * {@link #complete()} tells whether it got to the end.
     */
    static ReferenceCounts load(OutputLines reference, long budgetBytes) throws IOException {
        ReferenceCounts loaded = new ReferenceCounts();
        long cost = 0;
        try (OutputLines.Cursor cursor = reference.open()) {
            while (cursor.next()) {
                String line = cursor.line();
                loaded.charactersRead += line.length() + 1;
                Count count = loaded.counts.get(line);
                if (count == null) {
                    cost += ENTRY_OVERHEAD_BYTES + 2L * line.length();
                    if (cost > budgetBytes) {
                        return loaded;
                    }
                    count = new Count();
                    loaded.counts.put(line, count);
                }
                count.remaining++;
                loaded.records++;
            }
        }
        loaded.complete = true;
        return loaded;
    }

    /** Whether the whole reference fit the budget; only then may it be matched. */
    boolean complete() {
        return complete;
    }

    /** Characters read (one more per line) before the reference was complete or the budget ran out. */
    long charactersRead() {
        return charactersRead;
    }

    /** Matches every line of {@code run} against this reference and adds the outcome to {@code tally}. */
    void match(OutputLines run, ComparisonTally tally) throws IOException {
        if (!complete) {
            throw new IllegalStateException("the reference did not fit its budget");
        }
        tally.referenceRecords(records);
        try (OutputLines.Cursor cursor = run.open()) {
            while (cursor.next()) {
                tally.actualRecord();
                Count count = counts.get(cursor.line());
                if (count == null) {
                    tally.unexpected(cursor.position(), cursor.line());
                } else if (count.remaining > 0) {
                    count.remaining--;
                } else {
                    tally.duplicate(cursor.position(), cursor.line());
                }
            }
        }
        for (Map.Entry<String, Count> e : counts.entrySet()) {
            if (e.getValue().remaining > 0) {
                tally.missing(e.getKey(), e.getValue().remaining);
            }
        }
    }
}
