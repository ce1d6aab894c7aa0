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

    /** All visible output lines under {@code directory} (files not starting with '.' and ending in .txt), in file-name order. */
    public static List<String> readLines(Path directory) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(SinkOutput::isVisible).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sink output in " + directory, e);
        }
        return lines;
    }

    private static boolean isVisible(Path f) {
        String name = f.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(TransactionalFileSinkOperator.COMMITTED_SUFFIX);
    }
}
