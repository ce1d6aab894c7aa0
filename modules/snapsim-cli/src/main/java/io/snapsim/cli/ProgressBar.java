package io.snapsim.cli;

import io.snapsim.core.verdict.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one-line progress of a sweep, {@code [#####...............] 123/500  valid 120  invalid 3
 * unknown 0  eta 0:41}, redrawn in place with a carriage return. Renders only; the caller owns the
 * counts and the stream.
 */
final class ProgressBar {
    /** Characters between the brackets. */
    static final int WIDTH = 20;

    private ProgressBar() {
    }

    /**
     * The line for {@code done} of {@code total} runs after {@code elapsed}; the time left is
     * extrapolated from the runs done so far.
     */
    static String line(int done, int total, int valid, int invalid, int unknown, Duration elapsed) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = done == 0 ? "-:--" : clock(elapsed.multipliedBy(total - done).dividedBy(done));
        return "[" + bar + "] " + done + "/" + total + "  valid " + valid + "  invalid " + invalid + "  unknown " + unknown
                + "  eta " + eta;
    }

    /**
     * As {@link #line(int, int, int, int, int, Duration)}, with the rarer outcomes ({@code not-fired},
     * {@code unrecoverable}) shown once they occur.
     */
    static String line(int done, int total, Map<Outcome, Integer> counts, Duration elapsed) {
        String line = line(done, total, counts.getOrDefault(Outcome.VALID, 0), counts.getOrDefault(Outcome.INVALID, 0),
                counts.getOrDefault(Outcome.UNKNOWN, 0), elapsed);
        int eta = line.lastIndexOf("  eta ");
        StringBuilder rare = new StringBuilder();
        for (Outcome outcome : List.of(Outcome.NOT_FIRED, Outcome.UNRECOVERABLE)) {
            int n = counts.getOrDefault(outcome, 0);
            if (n > 0) {
                rare.append("  ").append(outcome.displayName()).append(' ').append(n);
            }
        }
        return line.substring(0, eta) + rare + line.substring(eta);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format("%d:%02d", minutes, seconds % 60);
    }
}
