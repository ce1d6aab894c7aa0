package io.snapsim.core.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations in Flink's configuration syntax: a whole number followed by an
 * optional unit, with or without a space ({@code "100 ms"}, {@code "100ms"}, {@code "10 min"},
 * {@code "2 h"}, {@code "1d"}). A bare number means milliseconds, as in Flink. Stateless; any
 * thread may call it.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(-?)\\s*(\\d+)\\s*(\\p{L}*)");

    /** Units from the largest to the smallest; the first label is the one {@link #format} writes. */
    private enum Unit {
        DAYS(ChronoUnit.DAYS, "d", "day", "days"),
        HOURS(ChronoUnit.HOURS, "h", "hour", "hours"),
        MINUTES(ChronoUnit.MINUTES, "min", "m", "mins", "minute", "minutes"),
        SECONDS(ChronoUnit.SECONDS, "s", "sec", "secs", "second", "seconds"),
        MILLISECONDS(ChronoUnit.MILLIS, "ms", "milli", "millis", "millisecond", "milliseconds"),
        MICROSECONDS(ChronoUnit.MICROS, "us", "µs", "micro", "micros", "microsecond", "microseconds"),
        NANOSECONDS(ChronoUnit.NANOS, "ns", "nano", "nanos", "nanosecond", "nanoseconds");

        final ChronoUnit chronoUnit;
        final List<String> labels;

        Unit(ChronoUnit chronoUnit, String... labels) {
            this.chronoUnit = chronoUnit;
            this.labels = List.of(labels);
        }
    }

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a reason fit to show the user (for example
     *     "must not be negative" or "unknown time unit 'weeks'")
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a duration such as '100 ms', '10 s', '5 min', '2 h' or '1 d'");
        }
        if (!m.group(1).isEmpty() && !m.group(2).chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("must not be negative");
        }
        Unit unit = unitFor(m.group(3));
        long amount;
        try {
            amount = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number too large");
        }
        try {
            return Duration.of(amount, unit.chronoUnit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("number too large");
        }
    }

    /** Writes a duration in the largest unit that represents it exactly, e.g. {@code "10 min"}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0 ms";
        }
        for (Unit unit : Unit.values()) {
            Duration one = unit.chronoUnit.getDuration();
            // Duration arithmetic in nanos overflows past ~292 years; seconds-based units avoid it.
            if (unit.chronoUnit.compareTo(ChronoUnit.SECONDS) >= 0) {
                long seconds = one.getSeconds();
                if (duration.getNano() == 0 && duration.getSeconds() % seconds == 0) {
                    return duration.getSeconds() / seconds + " " + unit.labels.get(0);
                }
            } else {
                long nanosPerUnit = one.toNanos();
                if (duration.getNano() % nanosPerUnit == 0) {
                    try {
                        long total = Math.addExact(
                                Math.multiplyExact(duration.getSeconds(), 1_000_000_000L / nanosPerUnit),
                                duration.getNano() / nanosPerUnit);
                        return total + " " + unit.labels.get(0);
                    } catch (ArithmeticException e) {
                        // too large for this unit; only possible for nanoseconds of huge durations
                    }
                }
            }
        }
        throw new IllegalArgumentException("cannot format " + duration);
    }

    private static Unit unitFor(String label) {
        if (label.isEmpty()) {
            return Unit.MILLISECONDS;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        for (Unit unit : Unit.values()) {
            if (unit.labels.contains(lower)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unknown time unit '" + label
                + "' (use ms, s, min, h or d)");
    }
}
