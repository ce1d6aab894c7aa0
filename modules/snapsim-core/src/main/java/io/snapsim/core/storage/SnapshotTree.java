package io.snapsim.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The folders a snapshot's data files may lie in, and the one rule that a file named by its
 * {@code _metadata} is inside them. Every reader asks here before opening a data file: the heap
 * {@link StateReader}, {@link MetadataFormat#read}, the RocksDB restore and verification, and
 * {@code snapsim checkpoints inspect}.
 *
 * <p>A checkpoint {@code {job}/chk-N/_metadata} owns its folder {@code chk-N} and shares the job's
 * {@code shared/} (RocksDB incremental files) and {@code taskowned/}; a savepoint owns only its
 * own folder. A file is inside when its real path (every symbolic link resolved; for a file that
 * does not exist, that of its nearest existing ancestor) lies below the real path of one of these
 * folders, so a link inside the tree that leads outside is refused, while a checkpoints directory
 * reached through a link keeps working. The snapshot's own folder is the real folder holding
 * {@code _metadata} (the metadata is physically there, whatever link led to it); {@code shared/}
 * and {@code taskowned/} are taken by name below the job folder's real path, so that a
 * {@code shared} that is itself a link to elsewhere does not count.
 *
 * <p>Immutable; the file system is consulted on every check, never cached. Callable from any thread.
 */
public final class SnapshotTree {

    /** The job folder's folder of files several checkpoints refer to. */
    public static final String SHARED_DIR = "shared";
    /** The job folder's folder of state owned by the tasks rather than by one checkpoint. */
    public static final String TASK_OWNED_DIR = "taskowned";

    private final Path metadataFile;
    private final SnapshotKind kind;

    private SnapshotTree(Path metadataFile, SnapshotKind kind) {
        this.metadataFile = metadataFile;
        this.kind = kind;
    }

    /**
     * The tree of the snapshot whose {@code _metadata} is {@code metadataFile}; touches no file.
     *
     * @param kind a checkpoint may also use the job's {@code shared/} and {@code taskowned/}
     */
    public static SnapshotTree of(Path metadataFile, SnapshotKind kind) {
        Objects.requireNonNull(metadataFile, "metadataFile");
        Objects.requireNonNull(kind, "kind");
        Path absolute = metadataFile.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new IllegalArgumentException("a metadata file lies in a folder, not at " + absolute);
        }
        return new SnapshotTree(absolute, kind);
    }

    /** The tree of checkpoint {@code checkpointFolder} ({@code {job}/chk-N}), as a state backend sees it. */
    public static SnapshotTree ofCheckpoint(Path checkpointFolder) {
        return of(checkpointFolder.resolve(MetadataFormat.METADATA_FILE_NAME), SnapshotKind.CHECKPOINT);
    }

    /** The {@code _metadata} file, absolute; named in every refusal. */
    public Path metadataFile() {
        return metadataFile;
    }

    /** The snapshot's own folder, absolute: the base of relative handles. */
    public Path folder() {
        return metadataFile.getParent();
    }

    /** {@code shared/} next to the snapshot's folder; only a checkpoint may read from it. */
    public Path sharedFolder() {
        return jobFolder().resolve(SHARED_DIR);
    }

    /**
     * Where a file handle points, checked to lie inside this tree; the path to open.
     *
     * @param where what holds the handle, for the message ({@code "operator sum subtask 0"}), or null
     * @throws CheckpointFormatException naming the metadata file, the path and why, when the path is
     *                                   malformed or leads outside
     */
    public Path locate(StateHandle.File handle, String where) {
        String prefix = where == null ? "" : where + ": ";
        String malformed = lexicalRefusal(handle);
        if (malformed != null) {
            throw new CheckpointFormatException(metadataFile, prefix + malformed + "; refusing to read it");
        }
        Path file = handle.relative() ? folder().resolve(handle.path()).normalize() : Path.of(handle.path());
        return locate(file, prefix + "state file");
    }

    /**
     * Checks that {@code file} lies inside this tree and returns its real path, the one to open
     * (links already followed and checked).
     *
     * @param role what the file is, for the message ({@code "RocksDB shared file"})
     * @throws CheckpointFormatException naming the metadata file, the role, the path and why
     */
    public Path locate(Path file, String role) {
        Path lexical = file.toAbsolutePath().normalize();
        Checked checked = check(lexical);
        if (checked.refusal() != null) {
            throw new CheckpointFormatException(metadataFile, role + " '" + lexical + "' " + checked.refusal()
                    + "; refusing to read it");
        }
        return checked.realPath();
    }

    /**
     * Why {@code file} may not be read, or null when it lies inside this tree: for callers that show
     * a refusal rather than fail ({@code checkpoints inspect}). Looks at the disk; opens nothing.
     */
    public String refusal(Path file) {
        return check(file.toAbsolutePath().normalize()).refusal();
    }

    /** The outcome of checking one path: its real path when inside, else why not. */
    private record Checked(Path realPath, String refusal) {
    }

    private Checked check(Path lexical) {
        Path real;
        try {
            real = realPath(lexical);
        } catch (NoSuchFileException e) {
            return new Checked(null, "leads through a symbolic link to a file that does not exist");
        } catch (IOException e) {
            return new Checked(null, "cannot be resolved (" + e + ")");
        }
        if (insideAny(real, realRoots())) {
            return new Checked(real, null);
        }
        boolean viaLink = lexicalRoots().stream().anyMatch(root -> lexical.startsWith(root) && !lexical.equals(root));
        return new Checked(null, (viaLink ? "leads through a symbolic link to " + real + ", " : "lies ")
                + "outside the " + kindName() + " (" + allowedText() + ")");
    }

    /** Checks every file handle of {@code md}, which was read from this tree's metadata file. */
    void checkHandles(CheckpointMetadata md) {
        for (OperatorStateSnapshot op : md.operators()) {
            for (SubtaskStateSnapshot st : op.subtasks()) {
                String where = "operator " + op.operatorId() + " subtask " + st.subtaskIndex();
                for (StateHandle handle : new StateHandle[] {st.keyedState(), st.operatorState()}) {
                    if (handle instanceof StateHandle.File file) {
                        locate(file, where);
                    }
                }
            }
        }
    }

    /**
     * Why a handle's path is malformed on its face, without looking at the disk, or null: a
     * {@code ..} segment, a relative path that is absolute or the other way round, an invalid path.
     */
    static String lexicalRefusal(StateHandle.File handle) {
        String p = handle.path();
        for (String segment : p.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return handle.relative()
                        ? "relative state path '" + p + "' escapes the snapshot directory"
                        : "absolute state path '" + p + "' contains '..' segments";
            }
        }
        Path parsed;
        try {
            parsed = Path.of(p);
        } catch (InvalidPathException e) {
            return "state path '" + p + "' is not a valid path: " + e.getReason();
        }
        if (handle.relative() && (parsed.isAbsolute() || p.startsWith("/") || p.startsWith("\\"))) {
            return "relative state path '" + p + "' is absolute";
        }
        if (!handle.relative() && !parsed.isAbsolute()) {
            return "absolute state path '" + p + "' is not absolute";
        }
        return null;
    }

    @Override
    public String toString() {
        return "SnapshotTree[" + metadataFile + ", " + kindName() + "]";
    }

    private String kindName() {
        return kind == SnapshotKind.CHECKPOINT ? "checkpoint" : "savepoint";
    }

    private String allowedText() {
        return kind == SnapshotKind.SAVEPOINT
                ? "its files lie in its own folder " + folder()
                : "its files lie in " + folder() + " or in " + SHARED_DIR + "/ or " + TASK_OWNED_DIR + "/ next to it";
    }

    private Path jobFolder() {
        Path job = folder().getParent();
        return job == null ? folder() : job;
    }

    private List<Path> lexicalRoots() {
        return kind == SnapshotKind.SAVEPOINT ? List.of(folder())
                : List.of(folder(), jobFolder().resolve(SHARED_DIR), jobFolder().resolve(TASK_OWNED_DIR));
    }

    /** The real roots; a root that cannot be resolved allows nothing. */
    private List<Path> realRoots() {
        List<Path> roots = new ArrayList<>();
        try {
            roots.add(realPath(folder()));
            if (kind == SnapshotKind.CHECKPOINT) {
                Path realJob = realPath(jobFolder());
                // By name below the job folder: a shared/ that is a link does not stretch the tree.
                roots.add(realJob.resolve(SHARED_DIR));
                roots.add(realJob.resolve(TASK_OWNED_DIR));
            }
        } catch (IOException e) {
            // An unresolvable own folder (a link loop, no permission) leaves nothing to allow.
        }
        return roots;
    }

    private static boolean insideAny(Path real, List<Path> roots) {
        return roots.stream().anyMatch(root -> real.startsWith(root) && !real.equals(root));
    }

    /**
     * The real path of {@code path}: links resolved where it exists; where it does not, the real
     * path of its nearest existing ancestor with the missing names appended (they cannot be links).
     */
    private static Path realPath(Path path) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real = existing == null ? path.getRoot() : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }
}
