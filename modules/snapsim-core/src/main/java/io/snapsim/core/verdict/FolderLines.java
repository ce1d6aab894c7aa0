package io.snapsim.core.verdict;

import io.snapsim.core.sink.SinkOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed output of one or more sink output folders, streamed from disk: the files a reader
 * sees ({@link SinkOutput#visibleFiles}), folder after folder, each folder's files by name, decoded
 * as UTF-8 line by line (the same lines {@link SinkOutput#readLines} gives, never all at once).
 * The set of files is fixed when this is created.
 */
final class FolderLines implements OutputLines {
    private final List<Path> files;

    FolderLines(List<Path> folders) {
        this.files = folders.stream().flatMap(folder -> SinkOutput.visibleFiles(folder).stream()).toList();
    }

    @Override
    public Cursor open() {
        return new FileCursor();
    }

    @Override
    public long size() {
        long size = 0;
        for (Path file : files) {
            try {
                size += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + file, e);
            }
        }
        return size;
    }

    /** Reads the files one after another, one open at a time. */
    private final class FileCursor implements Cursor {
        private int nextFile;
        private BufferedReader reader;
        private String line;
        private long position = -1;

        @Override
        public boolean next() throws IOException {
            while (true) {
                if (reader == null && !openNextFile()) {
                    return false;
                }
                line = readLine();
                if (line != null) {
                    position++;
                    return true;
                }
                close();
            }
        }

        private boolean openNextFile() throws IOException {
            if (nextFile == files.size()) {
                return false;
            }
            reader = Files.newBufferedReader(files.get(nextFile++), StandardCharsets.UTF_8);
            return true;
        }

        private String readLine() throws IOException {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new IOException("cannot read " + files.get(nextFile - 1) + ": " + e, e);
            }
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                BufferedReader open = reader;
                reader = null;
                open.close();
            }
        }
    }
}
