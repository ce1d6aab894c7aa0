package io.snapsim.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsers for option values, and the inverse: writing a typed value back in configuration syntax.
 * Every parser takes the trimmed raw text and either returns the value or throws an
 * {@link IllegalArgumentException} whose message is the reason shown to the user. Stateless.
 */
public final class ConfigValues {

    private ConfigValues() {}

    /** Any duration that is zero or more. */
    public static Function<String, Duration> duration() {
        return Durations::parse;
    }

    /** A duration greater than zero. */
    public static Function<String, Duration> positiveDuration() {
        return raw -> {
            Duration d = Durations.parse(raw);
            if (d.isZero()) {
                throw new IllegalArgumentException("must be greater than 0");
            }
            return d;
        };
    }

    /** An integer between {@code min} and {@code max}, both inclusive. */
    public static Function<String, Integer> integer(int min, int max) {
        return raw -> {
            long value;
            try {
                value = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, got '" + raw + "'");
            }
            if (value < 0 && min >= 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(max == Integer.MAX_VALUE
                        ? "must be at least " + min
                        : "must be between " + min + " and " + max);
            }
            return (int) value;
        };
    }

    /** A decimal number between {@code min} and {@code max}, both inclusive. */
    public static Function<String, Double> decimal(double min, double max) {
        return raw -> {
            double value;
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got '" + raw + "'");
            }
            if (Double.isNaN(value) || value < min || value > max) {
                throw new IllegalArgumentException(max == Double.MAX_VALUE
                        ? "must be at least " + min
                        : "must be between " + min + " and " + max);
            }
            return value;
        };
    }

    /** {@code true} or {@code false}, in any case. */
    public static Function<String, Boolean> bool() {
        return raw -> {
            if (raw.equalsIgnoreCase("true")) {
                return true;
            }
            if (raw.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("expected true or false, got '" + raw + "'");
        };
    }

    /** A memory size no larger than {@code max}. */
    public static Function<String, MemorySize> memorySize(MemorySize max) {
        return raw -> {
            MemorySize size = MemorySize.parse(raw);
            if (size.compareTo(max) > 0) {
                throw new IllegalArgumentException("must not exceed " + max);
            }
            return size;
        };
    }

    /** Any text that is not blank, such as a path or a URI. */
    public static Function<String, String> nonBlankString() {
        return raw -> {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return raw;
        };
    }

    /**
     * A constant of a {@link ConfigEnum}, matched against its spellings case-insensitively, with
     * {@code _} and {@code -} treated alike.
     */
    public static <E extends Enum<E> & ConfigEnum> Function<String, E> enumeration(Class<E> type) {
        E[] constants = type.getEnumConstants();
        return raw -> {
            String wanted = normalize(raw);
            for (E constant : constants) {
                for (String spelling : constant.spellings()) {
                    if (normalize(spelling).equals(wanted)) {
                        return constant;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : constants) {
                names.add(constant.configName());
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", names));
        };
    }

    /**
     * Writes a value the way a user would in a configuration file: durations as {@code "10 min"},
     * memory sizes as {@code "20 kb"}, config enums by their canonical spelling.
     */
    public static String format(Object value) {
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof ConfigEnum e) {
            return e.configName();
        }
        return String.valueOf(value);
    }

    private static String normalize(String spelling) {
        return spelling.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
