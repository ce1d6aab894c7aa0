package io.snapsim.core.storage;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Makes sure, before a job starts, that a folder snapsim will write into can be used: it is created
 * if missing, and must then be a folder that takes new files. A folder that cannot be used is bad
 * input, refused with one line naming the key or option, the path and why
 * ({@code "state.checkpoints.dir: /tmp/x is a file, not a folder"}), instead of failing inside the
 * running job.
 *
 * <p>Creates nothing but the folder asked for and its missing parents; its check that new entries
 * can be made leaves nothing behind. Stateless; callable from any thread (concurrent checks of one
 * folder, as a sweep's runs make, are fine).
 */
public final class WritableFolder {

    /** An entry made and removed again to see that a folder takes new ones. */
    static final String PROBE_NAME = ".snapsim-write-check";

    private WritableFolder() {
    }

    /**
     * Creates {@code folder} if needed and checks that it takes new files.
     *
     * @param label what the user calls it, first in the message ({@code "--reports"}, a configuration key)
     * @return the folder, absolute
     * @throws InvalidInputException {@code "<label>: <why>"} when it cannot be used
     */
    public static Path require(String label, Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        String problem = problem(dir);
        if (problem != null) {
            throw new InvalidInputException(label + ": " + problem);
        }
        return dir;
    }

    /** Why {@code dir} cannot be used, or null once it exists and takes new entries. */
    private static String problem(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " is a file, not a folder";
        }
        Path existing = nearestExisting(dir);
        if (existing != null && !Files.exists(existing)) {
            return "cannot create folder " + dir + ": " + existing + " is a symbolic link to nothing";
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return "cannot create folder " + dir + ": " + existing + " is a file, not a folder";
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return "cannot create folder " + dir + ": " + reason(e);
        }
        if (!Files.isWritable(dir)) {
            return "folder " + dir + " is not writable";
        }
        String refused = probe(dir);
        return refused == null ? null : "folder " + dir + " does not take new folders: " + refused;
    }

    /**
     * Makes and removes an entry in {@code dir}: some file systems ({@code /proc}) say a folder is
     * writable and still refuse everything. Null when that worked; an entry of the same name left
     * by a concurrent check counts as success and is left to that check to remove.
     */
    private static String probe(Path dir) {
        Path probe = dir.resolve(PROBE_NAME);
        try {
            Files.createDirectory(probe);
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            return reason(e);
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            // Left behind empty and hidden; the folder took it, which is what was to be shown.
        }
        return null;
    }

    private static Path nearestExisting(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p;
    }

    /** The operating system's reason in words, without the path the exception repeats. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file system refuses it"; // what /proc answers, its parent being there
        }
        if (e instanceof FileAlreadyExistsException) {
            return "something that is not a folder is in the way";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String why = fse.getReason();
            return why.isEmpty() ? e.toString() : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1);
        }
        return e.toString();
    }
}
