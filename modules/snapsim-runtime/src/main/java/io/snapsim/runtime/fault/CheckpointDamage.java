package io.snapsim.runtime.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a planned storage fault damages a completed checkpoint on disk: which state file it hits and
 * what it does to it. Only ever touches files inside the checkpoint's own folder. Stateless.
 */
final class CheckpointDamage {
    /** A subtask's files and folders in a checkpoint start with {@code {uid}-{subtask}}. */
    private static final Pattern SUBTASK_ENTRY = Pattern.compile("(.+)-(\\d+)(?:-.*)?");

    private CheckpointDamage() {
    }

    /**
     * The first non-empty state file (in path order) in {@code checkpointDir}, of {@code operator}'s
     * {@code subtask} when they are given (any subtask when only the operator is), or empty when
     * there is none: the state is inline in {@code _metadata}. A flipped byte needs a non-empty file.
     */
    static Optional<Path> dataFileOf(Path checkpointDir, String operator, Integer subtask) {
        try (Stream<Path> files = Files.walk(checkpointDir)) {
            return files.filter(p -> Files.isRegularFile(p) && sizeOf(p) > 0)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .filter(p -> belongsTo(checkpointDir.relativize(p), operator, subtask))
                    .min(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes {@code file}, or flips one byte in its middle. */
    static void damage(Path file, boolean delete) {
        try {
            if (delete) {
                Files.deleteIfExists(file);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 0) {
                bytes[bytes.length / 2] ^= 0x5A;
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("planned storage fault failed on " + file, e);
        }
    }

    private static boolean belongsTo(Path relative, String operator, Integer subtask) {
        if (operator == null) {
            return true;
        }
        Matcher m = SUBTASK_ENTRY.matcher(relative.getName(0).toString());
        return m.matches() && m.group(1).equals(operator) && (subtask == null || Integer.parseInt(m.group(2)) == subtask);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
