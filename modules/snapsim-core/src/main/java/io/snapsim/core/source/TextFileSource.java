package io.snapsim.core.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads text files line by line; each file is one split and its position is the number of lines
 * already read (the line offset). Bounded.
 */
public final class TextFileSource implements ReplayableSource<String> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> files;

    public TextFileSource(String name, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a text file source needs at least one file");
        }
        this.name = name;
        this.files = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numberOfSplits() {
        return files.size();
    }

    @Override
    public SplitReader<String> createReader(int split, long position) throws IOException {
        BufferedReader reader = Files.newBufferedReader(Path.of(files.get(split)), StandardCharsets.UTF_8);
        for (long i = 0; i < position; i++) {
            if (reader.readLine() == null) {
                reader.close();
                throw new IOException("file " + files.get(split) + " has fewer than " + position
                        + " lines: cannot resume at that line offset");
            }
        }
        return new LineReader(reader, position);
    }

    private static final class LineReader implements SplitReader<String> {
        private final BufferedReader reader;
        private long position;
        private String nextLine;

        LineReader(BufferedReader reader, long position) throws IOException {
            this.reader = reader;
            this.position = position;
            this.nextLine = reader.readLine();
        }

        @Override
        public boolean hasNext() {
            return nextLine != null;
        }

        @Override
        public String next() throws IOException {
            String line = nextLine;
            nextLine = reader.readLine();
            position++;
            return line;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
