package io.snapsim.core.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, read and written in Flink's syntax: {@code "20 kb"}, {@code "20kb"},
 * {@code "1 mb"}, {@code "100b"}; a bare number means bytes. Units are multiples of 1024, as in
 * Flink. Immutable.
 *
 * @param bytes the size in bytes, never negative
 */
public record MemorySize(long bytes) implements Comparable<MemorySize> {

    private static final Pattern SYNTAX = Pattern.compile("(-?)\\s*(\\d+)\\s*(\\p{L}*)");

    /** Units from the largest to the smallest; the first label is the one {@link #toString} writes. */
    private enum Unit {
        TEBIBYTES(40, "tb", "t", "tebibytes"),
        GIBIBYTES(30, "gb", "g", "gibibytes"),
        MEBIBYTES(20, "mb", "m", "mebibytes"),
        KIBIBYTES(10, "kb", "k", "kibibytes"),
        BYTES(0, "b", "bytes");

        final int shift;
        final List<String> labels;

        Unit(int shift, String... labels) {
            this.shift = shift;
            this.labels = List.of(labels);
        }
    }

    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
    }

    public static MemorySize ofBytes(long bytes) {
        return new MemorySize(bytes);
    }

    public static MemorySize ofKibiBytes(long kibibytes) {
        return new MemorySize(Math.multiplyExact(kibibytes, 1024L));
    }

    public static MemorySize ofMebiBytes(long mebibytes) {
        return new MemorySize(Math.multiplyExact(mebibytes, 1024L * 1024L));
    }

    /**
     * Parses a memory size.
     *
     * @throws IllegalArgumentException with a reason fit to show the user
     */
    public static MemorySize parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a memory size such as '100 b', '20 kb' or '1 mb'");
        }
        if (!m.group(1).isEmpty() && !m.group(2).chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("must not be negative");
        }
        Unit unit = unitFor(m.group(3));
        try {
            long amount = Long.parseLong(m.group(2));
            if (unit.shift > 0 && amount > (Long.MAX_VALUE >> unit.shift)) {
                throw new NumberFormatException();
            }
            return new MemorySize(amount << unit.shift);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number too large");
        }
    }

    /** Writes the size in the largest unit that represents it exactly, e.g. {@code "20 kb"}. */
    @Override
    public String toString() {
        for (Unit unit : Unit.values()) {
            long mask = (1L << unit.shift) - 1;
            if (bytes != 0 && (bytes & mask) == 0) {
                return (bytes >> unit.shift) + " " + unit.labels.get(0);
            }
        }
        return bytes + " b";
    }

    @Override
    public int compareTo(MemorySize other) {
        return Long.compare(bytes, other.bytes);
    }

    private static Unit unitFor(String label) {
        if (label.isEmpty()) {
            return Unit.BYTES;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        for (Unit unit : Unit.values()) {
            if (unit.labels.contains(lower)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unknown memory unit '" + label + "' (use b, kb, mb, gb or tb)");
    }
}
