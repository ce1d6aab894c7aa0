package io.snapsim.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file or nothing: the bytes go to a temporary sibling, are forced to disk, and the
 * sibling is renamed over the target. A reader therefore sees either no file or the complete one,
 * and a crash leaves at most a {@code .<name>.inprogress} file that no reader looks at.
 *
 * <p>The temporary name is derived from the target (no random or global counter, so runs stay
 * deterministic); hence one target must have one writer at a time, which the storage guarantees by
 * giving every state chunk its own name. Stateless otherwise; callable from any thread.
 */
public final class AtomicFiles {

    static final String TEMP_SUFFIX = ".inprogress";

    private AtomicFiles() {
    }

    /** Whether a file name is one of our temporaries (so listings can skip it). */
    static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
    }

    /**
     * Writes {@code bytes} to {@code target}, creating its parent directories.
     *
     * @param replaceExisting whether an existing target may be replaced; if false and it exists,
     *                        {@link FileAlreadyExistsException} is thrown and nothing is written
     */
    public static void write(Path target, byte[] bytes, boolean replaceExisting) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!replaceExisting && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        // Same directory as the target, so the rename never crosses file systems and stays atomic.
        Path temp = dir.resolve("." + target.getFileName() + TEMP_SUFFIX);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // Force before the rename: otherwise a crash could publish the name before the content.
                ch.force(true);
            }
            move(temp, target, replaceExisting);
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    private static void move(Path temp, Path target, boolean replaceExisting) throws IOException {
        try {
            if (replaceExisting) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain move is the best they offer.
            if (replaceExisting) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
            // The original failure is the one worth reporting; a leftover temporary is harmless.
        }
    }
}
