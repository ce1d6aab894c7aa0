package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each event of a history is drawn on a time axis: at its millisecond, spread within it in
 * history order ({@code time + k/n} for the k-th of n events of that millisecond). Many events
 * share a millisecond (and every one of a virtual-time run's barrier sends and receipts may), so
 * zooming in shows them in the order they happened: a barrier's send left of its receipt.
 * Immutable once built.
 */
final class Positions {
    private final List<HistoryEvent> ordered;
    private final Map<HistoryEvent, Double> x = new IdentityHashMap<>();

    /** Positions of {@code history}'s events, ordered by time, ties in history order. */
    Positions(List<HistoryEvent> history) {
        List<HistoryEvent> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingLong(HistoryEvent::time)); // stable: ties keep history order
        this.ordered = List.copyOf(sorted);
        int start = 0;
        while (start < sorted.size()) {
            long time = sorted.get(start).time();
            int end = start;
            while (end < sorted.size() && sorted.get(end).time() == time) {
                end++;
            }
            int n = end - start;
            for (int k = 0; k < n; k++) {
                x.put(sorted.get(start + k), time + (double) k / n);
            }
            start = end;
        }
    }

    /** The events, by time (ties in history order). */
    List<HistoryEvent> ordered() {
        return ordered;
    }

    /** Where {@code event} is drawn. */
    double of(HistoryEvent event) {
        Double at = x.get(event);
        if (at == null) {
            throw new IllegalArgumentException("not an event of this history: " + event);
        }
        return at;
    }

    /** {@code x} to four decimals, enough to keep 10,000 events of one millisecond apart, as a short JSON number. */
    static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
