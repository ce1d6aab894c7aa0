package io.snapsim.core;

import java.util.Locale;

/**
 * How snapsim writes quantities wherever it shows them (the console, the reports): sizes in binary
 * units, and whether a recorded time is the wall clock or a deterministic run's virtual time.
 * Stateless.
 */
public final class Units {
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /**
     * Timestamps below this (2001-09-09) are virtual: deterministic runs count milliseconds of
     * simulated time from 0, live runs record the wall clock.
     */
    private static final long FIRST_WALL_CLOCK_MILLIS = 1_000_000_000_000L;

    private Units() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 8.0 GiB}: binary units, one decimal above bytes. */
    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }

    /** True when {@code millis}, a time of the job's clock, is a deterministic run's virtual time. */
    public static boolean isVirtualTime(long millis) {
        return millis < FIRST_WALL_CLOCK_MILLIS;
    }
}
