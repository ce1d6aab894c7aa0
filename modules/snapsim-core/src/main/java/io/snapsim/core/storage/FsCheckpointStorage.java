package io.snapsim.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One job's checkpoint storage on the local file system: {@code {checkpointsDir}/{jobId}/} with
 * {@code shared/}, {@code taskowned/} and one {@code chk-{id}/} per checkpoint, which holds the
 * checkpoint's exclusive state files and its {@code _metadata}.
 *
 * <p>Readers find a checkpoint's files through its {@link SnapshotTree}, which allows exactly this
 * layout: {@code chk-{id}/}, {@code shared/} and {@code taskowned/}.
 *
 * <p>Invariants: every file is written whole or not at all (temporary name, then rename); a
 * {@code _metadata} file is never overwritten; nothing outside the job directory is ever deleted,
 * and symbolic links are removed as links, never followed, so a link cannot steer a deletion
 * elsewhere. A checkpoint directory counts as complete only once its {@code _metadata} exists.
 *
 * <p>Threading: the instance holds no mutable state, only the paths it was built with. The
 * coordinator owns it and is the only caller of the metadata and discard methods; tasks may call
 * {@link #writeState} concurrently from their own threads as long as each chunk has its own file name.
 */
public final class FsCheckpointStorage {

    private static final String SHARED_DIR = SnapshotTree.SHARED_DIR;
    private static final String TASK_OWNED_DIR = SnapshotTree.TASK_OWNED_DIR;
    private static final String CHECKPOINT_DIR_PREFIX = "chk-";

    private final Path jobDir;
    private final String jobId;
    private final int inlineThresholdBytes;

    /**
     * Describes the storage; touches no file (see {@link #initializeJobDirectories()}).
     *
     * @param checkpointsDir       the configured checkpoint directory ({@code execution.checkpointing.dir})
     * @param jobId                the job's id; one path segment
     * @param inlineThresholdBytes chunks smaller than this stay inside {@code _metadata}
     *                             ({@code execution.checkpointing.data-inline-threshold}); 0 never inlines
     */
    public FsCheckpointStorage(Path checkpointsDir, String jobId, int inlineThresholdBytes) {
        Objects.requireNonNull(checkpointsDir, "checkpointsDir");
        requireSingleSegment(jobId, "job id");
        if (inlineThresholdBytes < 0) {
            throw new IllegalArgumentException("inline threshold must be >= 0, got " + inlineThresholdBytes);
        }
        this.jobDir = checkpointsDir.toAbsolutePath().normalize().resolve(jobId);
        this.jobId = jobId;
        this.inlineThresholdBytes = inlineThresholdBytes;
    }

    /** {@code {checkpointsDir}/{jobId}}, absolute. */
    public Path jobDirectory() {
        return jobDir;
    }

    /** {@code {jobDir}/shared}: state referenced by several checkpoints (incremental files). */
    public Path sharedDirectory() {
        return jobDir.resolve(SHARED_DIR);
    }

    /** {@code {jobDir}/taskowned}: state owned by the tasks rather than by one checkpoint. */
    public Path taskOwnedDirectory() {
        return jobDir.resolve(TASK_OWNED_DIR);
    }

    /** The inline threshold this storage applies in {@link #writeState}. */
    public int inlineThresholdBytes() {
        return inlineThresholdBytes;
    }

    /** Creates the job directory, {@code shared/} and {@code taskowned/}; existing ones are kept. */
    public void initializeJobDirectories() {
        try {
            Files.createDirectories(sharedDirectory());
            Files.createDirectories(taskOwnedDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directories under " + jobDir + ": " + e, e);
        }
    }

    /** {@code {jobDir}/chk-{id}}; does not create it. */
    public Path checkpointDirectory(long checkpointId) {
        if (checkpointId < 0) {
            throw new IllegalArgumentException("checkpoint id must be >= 0, got " + checkpointId);
        }
        return jobDir.resolve(CHECKPOINT_DIR_PREFIX + checkpointId);
    }

    /**
     * Stores one chunk of snapshotted state. A chunk smaller than the inline threshold becomes a
     * {@link StateHandle.Inline} and no file is written. Otherwise the bytes are written whole to
     * {@code targetDir/fileName} (created if needed; an existing file of that name, left by an
     * aborted attempt, is replaced) and the handle records the size and CRC32, checked on restore.
     *
     * @param targetDir the snapshot directory whose {@code _metadata} will refer to the chunk
     *                  ({@code chk-N}, {@code shared/}, or a savepoint directory)
     * @param fileName  one path segment, unique per chunk
     * @param relative  true: the handle stores {@code fileName} alone, resolved against the
     *                  metadata's directory on restore, so the snapshot can be moved (savepoints);
     *                  false: the absolute path (checkpoints)
     */
    public StateHandle writeState(Path targetDir, String fileName, byte[] bytes, boolean relative) {
        Objects.requireNonNull(targetDir, "targetDir");
        Objects.requireNonNull(bytes, "bytes");
        requireSingleSegment(fileName, "state file name");
        if (bytes.length < inlineThresholdBytes) {
            return new StateHandle.Inline(bytes);
        }
        Path file = targetDir.toAbsolutePath().normalize().resolve(fileName);
        try {
            AtomicFiles.write(file, bytes, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file + ": " + e, e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new StateHandle.File(relative ? fileName : file.toString(), relative, bytes.length, crc.getValue());
    }

    /**
     * Completes checkpoint {@code checkpointId} on disk by writing {@code chk-{id}/_metadata}.
     *
     * @return the path of the {@code _metadata} file
     * @throws IllegalArgumentException if the metadata belongs to another job or checkpoint
     * @throws IllegalStateException    if the checkpoint already has a {@code _metadata}
     */
    public Path writeMetadata(long checkpointId, CheckpointMetadata md) {
        Objects.requireNonNull(md, "metadata");
        if (md.checkpointId() != checkpointId || !jobId.equals(md.jobId())) {
            throw new IllegalArgumentException("metadata of job " + md.jobId() + " checkpoint " + md.checkpointId()
                    + " cannot be written as job " + jobId + " checkpoint " + checkpointId);
        }
        Path dir = checkpointDirectory(checkpointId);
        MetadataFormat.write(dir, md);
        return dir.resolve(MetadataFormat.METADATA_FILE_NAME);
    }

    /**
     * Deletes {@code chk-{id}} and everything in it (subsumed, aborted or no longer retained
     * checkpoints). A checkpoint that is not on disk is ignored, so discarding twice is harmless.
     *
     * @throws IllegalStateException if {@code chk-{id}} is a symbolic link or resolves outside the
     *                               job directory; nothing is deleted then
     */
    public void discardCheckpoint(long checkpointId) {
        Path dir = checkpointDirectory(checkpointId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        requireInsideJobDirectory(dir);
        FileTrees.deleteRecursively(dir);
    }

    /**
     * Deletes what this storage created: every {@code chk-N} directory, {@code shared/} and
     * {@code taskowned/}, and then the job directory if nothing else is left in it. Files it does
     * not know (put there by a user or another tool) and symbolic links are left alone, and the
     * configured checkpoint directory above the job directory is never deleted.
     */
    public void discardJobDirectory() {
        if (!Files.isDirectory(jobDir)) {
            return;
        }
        for (Path entry : list(jobDir)) {
            if (Files.isSymbolicLink(entry) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String name = entry.getFileName().toString();
            if (name.equals(SHARED_DIR) || name.equals(TASK_OWNED_DIR) || StoragePaths.checkpointIdOf(entry) >= 0) {
                FileTrees.deleteRecursively(entry);
            }
        }
        try {
            Files.deleteIfExists(jobDir);
        } catch (DirectoryNotEmptyException e) {
            // Foreign files remain: the directory stays with them.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + jobDir + ": " + e, e);
        }
    }

    /**
     * Ids of every {@code chk-N} directory on disk, complete or not (a checkpoint aborted while a
     * task was still writing into it may leave one without {@code _metadata}), ascending.
     */
    public List<Long> checkpointFoldersOnDisk() {
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (Path entry : list(jobDir)) {
            long id = StoragePaths.checkpointIdOf(entry);
            if (id >= 0 && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    /** Ids of the complete checkpoints on disk (a {@code chk-N} directory holding {@code _metadata}), ascending. */
    public List<Long> checkpointIdsOnDisk() {
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (Path entry : list(jobDir)) {
            long id = StoragePaths.checkpointIdOf(entry);
            if (id >= 0 && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(entry.resolve(MetadataFormat.METADATA_FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "FsCheckpointStorage[" + jobDir + ", inline < " + inlineThresholdBytes + " bytes]";
    }

    private void requireInsideJobDirectory(Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalStateException("refusing to delete " + dir + ": it is a symbolic link, not a checkpoint directory");
        }
        Path real;
        Path realJobDir;
        try {
            real = dir.toRealPath();
            realJobDir = jobDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + dir + ": " + e, e);
        }
        // Compared as real paths so that a link somewhere on the way cannot make "inside" a lie.
        if (!real.startsWith(realJobDir) || real.equals(realJobDir)) {
            throw new IllegalStateException("refusing to delete " + dir + ": it resolves to " + real
                    + ", outside the job directory " + realJobDir);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e, e);
        }
    }

    private static void requireSingleSegment(String name, String what) {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be a single path segment, got '" + name + "'");
        }
    }
}
