package io.snapsim.core.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run appends its events. Append-only; {@link #NONE} drops everything. Implementations
 * are thread-safe: in live runs several actors append concurrently, in deterministic runs one
 * driver thread appends in the order the seed chose.
 */
public interface History extends AutoCloseable {
    void append(HistoryEvent event);

    @Override
    default void close() {
    }

    /** Writes out what was appended so far, so that a reader of the file sees it; a no-op where nothing is buffered. */
    default void flush() {
    }

    /** Drops every event. */
    History NONE = event -> { };

    /** Writes {@code history.jsonl}: the schema header, then one JSON object per event, in append order. */
    static History jsonl(Path file) {
        return new JsonlHistory(file);
    }

    /** Keeps events in memory, for tests. */
    final class InMemory implements History {
        private final List<HistoryEvent> events = new ArrayList<>();

        @Override
        public synchronized void append(HistoryEvent event) {
            events.add(event);
        }

        public synchronized List<HistoryEvent> events() {
            return List.copyOf(events);
        }
    }

    /** The JSON-lines file of a run. */
    final class JsonlHistory implements History {
        private final Path file;
        private final BufferedWriter writer;

        JsonlHistory(Path file) {
            this.file = file;
            try {
                Files.createDirectories(file.getParent());
                this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                writer.write(HistoryJson.HEADER);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file, e);
            }
        }

        @Override
        public synchronized void append(HistoryEvent event) {
            try {
                writer.write(HistoryJson.write(event));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }

        @Override
        public synchronized void flush() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }
    }
}
