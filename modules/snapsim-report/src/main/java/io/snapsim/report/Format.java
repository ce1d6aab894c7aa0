package io.snapsim.report;

import io.snapsim.core.Units;
import java.time.Instant;
import java.util.Locale;

/** How the report writes numbers, sizes and times: binary units, grouped digits, the job's clock. Stateless. */
final class Format {

    private Format() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 8.0 GiB}: binary units, one decimal above bytes, as the CLI prints them. */
    static String bytes(long count) {
        return Units.bytes(count);
    }

    /** A count with its digits grouped: {@code 240,960}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A duration in milliseconds: {@code 7 ms}, {@code 1,250 ms}. */
    static String millis(long ms) {
        return count(ms) + " ms";
    }

    /** A time of the job's clock relative to the job's start: {@code t=45 ms}. */
    static String at(long time, long start) {
        return "t=" + count(time - start) + " ms";
    }

    /**
     * The job's clock as recorded: nothing more for virtual time, the instant in UTC for a live
     * run's wall clock (for a title attribute).
     */
    static String absolute(long time) {
        return Units.isVirtualTime(time) ? "virtual time " + time + " ms" : Instant.ofEpochMilli(time).toString();
    }

    /** {@code 1 fault}, {@code 2 faults}. */
    static String plural(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
