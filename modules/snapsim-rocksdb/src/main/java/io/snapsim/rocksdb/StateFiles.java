package io.snapsim.rocksdb;

import io.snapsim.core.storage.FileChecks;
import io.snapsim.core.storage.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File helpers for database directories and checkpoint files. Stateless. */
final class StateFiles {
    private StateFiles() {}

    /** Deletes {@code path} and everything below it; see {@link FileTrees#deleteRecursively}. */
    static void deleteRecursively(Path path) {
        FileTrees.deleteRecursively(path);
    }

    /**
     * Copies {@code source} to {@code target} through a temporary sibling and a rename, so that a
     * crash never leaves a partial file under the final name.
     */
    static void copyAtomically(Path source, Path target) {
        copyAtomicallyWithChecksum(source, target);
    }

    /** {@link #copyAtomically}, returning the CRC-32 of the content, computed in the same pass. */
    static long copyAtomicallyWithChecksum(Path source, Path target) {
        Path temporary = target.resolveSibling(target.getFileName() + ".inprogress");
        try {
            long crc = copyWithChecksum(source, temporary, true);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return crc;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    static void copy(Path source, Path target) {
        try {
            Files.copy(source, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    /** Copies {@code source} to a new file {@code target}, returning the CRC-32 of the content. */
    static long copyWithChecksum(Path source, Path target) {
        try {
            return copyWithChecksum(source, target, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    private static long copyWithChecksum(Path source, Path target, boolean replace) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (var in = new java.util.zip.CheckedInputStream(Files.newInputStream(source), crc)) {
            if (replace) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(in, target);
            }
        }
        return crc.getValue();
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory, e);
        }
    }

    static long size(Path file) {
        return FileChecks.size(file);
    }

    /**
     * Fails with an {@link UncheckedIOException} wrapping a {@link NoSuchFileException} whose
     * message names the file and says what it was for, unless {@code realPath} is a regular file of
     * {@code expectedSize} bytes.
     *
     * @param shownAs the file as the checkpoint names it, for messages
     */
    static void requireFile(Path realPath, Path shownAs, long expectedSize, String role) {
        if (!Files.isRegularFile(realPath)) {
            String message = role + " " + shownAs + " is missing";
            throw new UncheckedIOException(message, new NoSuchFileException(shownAs.toString(), null, message));
        }
        long actual = size(realPath);
        if (actual != expectedSize) {
            throw new IllegalStateException(role + " " + shownAs + " has " + actual + " bytes, but the checkpoint recorded "
                    + expectedSize + " (was it overwritten?)");
        }
    }

    /** Whether {@code name} is a plain file name: not empty, no separator, not "." or "..". */
    static boolean isPlainFileName(String name) {
        return FileChecks.isPlainFileName(name);
    }
}
