package io.snapsim.core.verdict;

import java.util.List;

/** {@link OutputLines} over a list in memory, for callers that already hold the lines (tests, small outputs). */
final class ListLines implements OutputLines {
    private final List<String> lines;

    ListLines(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    @Override
    public Cursor open() {
        return new Cursor() {
            private int next;

            @Override
            public boolean next() {
                return next++ < lines.size();
            }

            @Override
            public String line() {
                return lines.get(next - 1);
            }

            @Override
            public long position() {
                return next - 1;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long size() {
        long size = 0;
        for (String line : lines) {
            size += line.length() + 1;
        }
        return size;
    }
}
