package io.snapsim.core.storage;

import io.snapsim.core.InvalidInputException;
import java.nio.file.Path;

/**
 * A snapshot on disk that cannot be used: a missing, truncated, corrupt or foreign {@code _metadata}
 * file, an unsupported format version, a state file that is missing or does not match its checksum,
 * or a metadata file whose handles point outside its directory tree.
 *
 * <p>The message is shown to the user as one line, so it always names the offending file and says
 * what is wrong with it. {@link #file()} is that file, for callers that want to report it apart.
 * Instances are immutable and may cross threads.
 */
public class CheckpointFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message already carries the file for anyone who serializes this.
    private final transient Path file;

    /** A problem with {@code file} itself; the message reads {@code "<file>: <problem>"}. */
    public CheckpointFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** As {@link #CheckpointFormatException(Path, String)}, keeping the I/O error that revealed it. */
    public CheckpointFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    private CheckpointFormatException(String message, Path file) {
        super(message);
        this.file = file;
    }

    /**
     * A problem with a state file that a metadata file refers to. Both are named, because the user
     * has to know which snapshot is broken as well as which of its files: {@code "state file
     * <stateFile> referenced by <metadataFile> is <problem>"}.
     */
    public static CheckpointFormatException stateFile(Path stateFile, Path metadataFile, String problem) {
        return new CheckpointFormatException(
                "state file " + stateFile + " referenced by " + metadataFile + " is " + problem, stateFile);
    }

    /** The file that is missing or wrong. */
    public Path file() {
        return file;
    }
}
