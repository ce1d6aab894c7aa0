package io.snapsim.core.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a file sink made visible: committed files of the transactional sink, every file of the plain one. */
public final class SinkOutput {
    private SinkOutput() {
    }

    /**
     * All visible output lines under {@code directory}, in file-name order. Holds them all in memory:
     * for tests and small outputs; the verdict streams {@link #visibleFiles} instead.
     */
    public static List<String> readLines(Path directory) {
        List<String> lines = new ArrayList<>();
        for (Path f : visibleFiles(directory)) {
            try {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sink output in " + directory, e);
            }
        }
        return lines;
    }

    /**
     * The files under {@code directory} a reader of the output sees, sorted by name: files not
     * starting with '.' and ending in .txt (the transactional sink's committed part files, the plain
     * sink's files). None when the directory does not exist.
     */
    public static List<Path> visibleFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(SinkOutput::isVisible).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list sink output in " + directory, e);
        }
    }

    private static boolean isVisible(Path f) {
        String name = f.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(TransactionalFileSinkOperator.COMMITTED_SUFFIX);
    }
}
