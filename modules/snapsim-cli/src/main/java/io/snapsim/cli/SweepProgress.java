package io.snapsim.cli;

import io.snapsim.core.verdict.Outcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * A sweep's progress on stderr. On a terminal, one line redrawn in place with a carriage return;
 * otherwise (a log file, a pipe) a line each time another tenth of the seeds is done, so that a log
 * gets ten lines rather than a frame per seed. Drawn and cleared by the sweep's own thread only.
 */
final class SweepProgress {
    private final PrintWriter err;
    private final int total;
    private final long startedNanos;
    private final boolean inPlace;
    private int drawnLength;
    /** Line by line: the tenths of the seeds done when the last line was printed (-1: none yet). */
    private int printedTenths = -1;

    SweepProgress(PrintWriter err, int total, long startedNanos, boolean inPlace) {
        this.err = err;
        this.total = total;
        this.startedNanos = startedNanos;
        this.inPlace = inPlace;
    }

    /** Shows {@code done} of the seeds, with the outcomes so far. */
    void update(int done, Map<Outcome, Integer> counts) {
        String line = ProgressBar.line(done, total, counts, Duration.ofNanos(System.nanoTime() - startedNanos));
        if (inPlace) {
            err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            drawnLength = line.length();
        } else {
            int tenths = total == 0 ? 10 : (int) ((long) done * 10 / total);
            if (tenths <= printedTenths) {
                return;
            }
            printedTenths = tenths;
            err.println(line);
        }
        err.flush();
    }

    /** Blanks the redrawn line so that other output starts on a clean line (nothing to do line by line). */
    void clear() {
        if (inPlace && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }

    /** Leaves the last drawing on its own line. */
    void finish() {
        if (inPlace) {
            err.println();
            err.flush();
            drawnLength = 0;
        }
    }
}
