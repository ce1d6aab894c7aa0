package io.snapsim.core.storage;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what a user wrote (a configuration value or a {@code run -s} argument) into a local path.
 *
 * <p>snapsim stores snapshots on the local file system only. Flink users write directories as
 * URIs ({@code file:///tmp/checkpoints}, {@code hdfs:///checkpoints}), so {@code file://} URIs are
 * accepted as well as plain paths, and every other scheme is refused with a message that names the
 * key, the value and the scheme instead of failing later with an obscure I/O error.
 *
 * <p>Stateless; callable from any thread.
 */
public final class StoragePaths {

    /** Label used in messages for {@link #resolveMetadataFile}, which has no configuration key. */
    static final String RESTORE_PATH_LABEL = "restore path";

    // A URI scheme per RFC 3986. One letter is a Windows drive ("C:\cp"), not a scheme.
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern CHECKPOINT_DIR_NAME = Pattern.compile("chk-(0|[1-9][0-9]*)");

    private StoragePaths() {
    }

    /**
     * Parses a configured directory: a plain path ({@code /tmp/cp}, {@code relative/dir}) or a
     * {@code file://} URI ({@code file:///tmp/checkpoints/}). A relative path stays relative; the
     * caller decides what it is relative to. Does not touch the file system.
     *
     * @param configKey the key the value came from, named in error messages
     * @param value     the configured value
     * @throws InvalidInputException for a blank value, another scheme ({@code hdfs}, {@code s3}, ...)
     *                               or a malformed {@code file:} URI
     */
    public static Path parseDirectory(String configKey, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(configKey + ": must not be empty");
        }
        String trimmed = value.strip();
        Matcher m = SCHEME.matcher(trimmed);
        if (m.find() && m.group(1).length() > 1) {
            String scheme = m.group(1);
            if (!scheme.equalsIgnoreCase("file")) {
                throw new InvalidInputException(configKey + ": unsupported file system scheme '" + scheme
                        + "' in '" + value + "'; snapsim supports plain paths and file:// URIs");
            }
            return fromFileUri(configKey, trimmed);
        }
        try {
            return Path.of(trimmed).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(configKey + ": '" + value + "' is not a valid path: " + e.getReason(), e);
        }
    }

    /**
     * Finds the {@code _metadata} file for {@code run -s PATH}: {@code PATH} may be the file itself
     * or the snapshot directory that holds it, as a plain path or a {@code file://} URI.
     *
     * @return the absolute, normalized path of an existing regular file
     * @throws InvalidInputException      for an unsupported scheme or a malformed path
     * @throws CheckpointFormatException  when the path does not exist or the directory holds no
     *                                    {@code _metadata} (the message then suggests the newest
     *                                    {@code chk-N} below it, if any: a user often passes the job directory)
     */
    public static Path resolveMetadataFile(String userPath) {
        Path path = parseDirectory(RESTORE_PATH_LABEL, userPath).toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new CheckpointFormatException(path, "no such checkpoint or savepoint (the path does not exist)");
        }
        Path metadata = path.resolve(MetadataFormat.METADATA_FILE_NAME);
        if (Files.isRegularFile(metadata)) {
            return metadata;
        }
        String hint = newestCheckpointBelow(path)
                .map(chk -> "; did you mean " + chk + "?")
                .orElse("; pass a chk-N or savepoint directory, or its _metadata file");
        throw new CheckpointFormatException(path, "directory holds no " + MetadataFormat.METADATA_FILE_NAME + " file" + hint);
    }

    private static Path fromFileUri(String configKey, String uriText) {
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(configKey + ": '" + uriText + "' is not a valid file URI: " + e.getReason(), e);
        }
        String host = uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            // "file://tmp/x" is a frequent slip for "file:///tmp/x"; say so rather than reading "tmp" as a host.
            throw new InvalidInputException(configKey + ": file URI '" + uriText + "' names host '" + host
                    + "'; snapsim uses the local file system only, write file:///path");
        }
        String path = uri.getPath();
        if (uri.isOpaque() || path == null || path.isEmpty()) {
            throw new InvalidInputException(configKey + ": file URI '" + uriText
                    + "' has no absolute path; write file:///path or a plain path");
        }
        try {
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(configKey + ": '" + uriText + "' is not a valid path: " + e.getReason(), e);
        }
    }

    private static Optional<Path> newestCheckpointBelow(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> CHECKPOINT_DIR_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(MetadataFormat.METADATA_FILE_NAME), LinkOption.NOFOLLOW_LINKS))
                    .max((a, b) -> Long.compare(checkpointIdOf(a), checkpointIdOf(b)));
        } catch (IOException | UncheckedIOException e) {
            // Only a hint for the message; an unreadable directory must not hide the real error.
            return Optional.empty();
        }
    }

    /** The id in a directory named {@code chk-<id>}, or -1 when the name is not one (or overflows). */
    static long checkpointIdOf(Path dir) {
        Matcher m = CHECKPOINT_DIR_NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
