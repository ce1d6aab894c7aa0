package io.snapsim.cli;

import io.snapsim.core.Units;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Formatting shared by the commands that print snapshots: sizes, times and aligned tables. Stateless. */
final class Display {

    private Display() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 8.0 GiB}: binary units, one decimal above bytes. */
    static String bytes(long count) {
        return Units.bytes(count);
    }

    /**
     * A timestamp of the job's clock: wall-clock time as ISO-8601 in UTC ({@code 2024-05-01T10:00:00.123Z}),
     * virtual time of a deterministic run as {@code t=39 ms}.
     */
    static String time(long millis) {
        return Units.isVirtualTime(millis) ? "t=" + millis + " ms" : Instant.ofEpochMilli(millis).toString();
    }

    /** As {@link #time}, with the raw milliseconds after a wall-clock time: {@code 2024-...Z (1714557600123 ms)}. */
    static String timeAndMillis(long millis) {
        return Units.isVirtualTime(millis) ? time(millis) + " (virtual time of a deterministic run)"
                : time(millis) + " (" + millis + " ms)";
    }

    /** A CRC32 as eight hex digits, the way checksum tools print it. */
    static String crc32(long crc) {
        return String.format("0x%08x", crc);
    }

    /** Text with a value that may be null. */
    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** Columns padded to their widest cell; the last column is not padded, so long messages do not widen the table. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final int columns;

        Table(String... header) {
            this.columns = header.length;
            rows.add(header);
        }

        Table add(String... cells) {
            if (cells.length != columns) {
                throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
            }
            rows.add(cells);
            return this;
        }

        /** The table, each line starting with {@code indent} and ending with a line break. */
        String render(String indent) {
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder(indent);
                for (int c = 0; c < columns; c++) {
                    line.append(c == columns - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
                }
                out.append(line.toString().stripTrailing()).append(System.lineSeparator());
            }
            return out.toString();
        }
    }
}
