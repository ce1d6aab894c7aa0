package io.snapsim.rocksdb;

import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.rocksdb.NativeSnapshot.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies a {@link NativeSnapshot} of one operator subtask into the checkpoint storage, in the
 * layout of Flink's file system checkpoint storage:
 * <pre>
 * {jobDir}/shared/{operatorUid}-{subtask}-{checkpointId}-{sstName}   SST files, shared between checkpoints
 * {checkpointDir}/{operatorUid}-{subtask}/{name}                       MANIFEST, CURRENT, OPTIONS, ... of this checkpoint
 * </pre>
 * An incremental upload copies only the SST files that are not already in {@code shared/} (the
 * caller says which are, usually the files of the last completed checkpoint); a full upload copies
 * every file into the private directory.
 *
 * <p>Shared names carry the id of the checkpoint that uploaded them: an SST name is unique only
 * within one database, and a database restored from an older checkpoint numbers its new files
 * after that checkpoint's, so it could produce a different file under a name that a later, since
 * discarded checkpoint of the old database already used. Checkpoint ids, in contrast, are never reused
 * within a job. Shared files are written under a temporary name and renamed, so a crash never
 * leaves a partial file under a name a checkpoint may reference.
 *
 * <p>Immutable: the uploads only read the snapshot and write files, so they may run on any thread,
 * for example asynchronously after the task's synchronous part took the native checkpoint.
 */
public final class IncrementalUploader {
    /** The name of the job directory's folder of shared state. */
    public static final String SHARED_DIRECTORY = SnapshotTree.SHARED_DIR;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String operatorUid;
    private final int subtaskIndex;

    /**
     * @param operatorUid the operator's stable id: letters, digits, '.', '_' or '-'
     * @param subtaskIndex the subtask's index, not negative
     */
    public IncrementalUploader(String operatorUid, int subtaskIndex) {
        if (operatorUid == null || !SAFE_NAME.matcher(operatorUid).matches()) {
            throw new IllegalArgumentException("operator uid must be letters, digits, '.', '_' or '-', not " + operatorUid);
        }
        if (subtaskIndex < 0) {
            throw new IllegalArgumentException("negative subtask index " + subtaskIndex);
        }
        this.operatorUid = operatorUid;
        this.subtaskIndex = subtaskIndex;
    }

    /** {@code {jobDir}/shared}: where the shared files of every checkpoint of the job live. */
    public static Path sharedDirectory(Path jobDirectory) {
        return IncrementalStateHandle.sharedDirectory(jobDirectory);
    }

    /** The name of this subtask's private directory inside a checkpoint directory. */
    public String privateDirectoryName() {
        return operatorUid + "-" + subtaskIndex;
    }

    /**
     * Uploads the snapshot incrementally: each SST file that {@code alreadyUploaded} lists under its
     * SST name with the same size is referenced as it is; every other SST file is copied into
     * {@code {jobDir}/shared/}; the other files are copied into the private directory.
     *
     * @param alreadyUploaded SST name to shared file, for files already in {@code shared/} that the
     *     job will keep while this checkpoint is retained (the files of the last completed checkpoint)
     * @throws IllegalStateException if the private directory already holds files
     * @throws UncheckedIOException if a copy fails
     */
    public IncrementalStateHandle uploadIncremental(NativeSnapshot snapshot, Map<String, SharedFile> alreadyUploaded,
            Path jobDirectory, Path checkpointDirectory) {
        Objects.requireNonNull(alreadyUploaded, "alreadyUploaded");
        Path shared = sharedDirectory(jobDirectory);
        StateFiles.createDirectories(shared);
        Path privateDirectory = preparePrivateDirectory(checkpointDirectory);
        List<SharedFile> sharedFiles = new ArrayList<>();
        List<PrivateFile> privateFiles = new ArrayList<>();
        for (NativeFile file : snapshot.files()) {
            Path source = snapshot.directory().resolve(file.name());
            if (!file.shareable()) {
                long crc = StateFiles.copyWithChecksum(source, privateDirectory.resolve(file.name()));
                privateFiles.add(new PrivateFile(file.name(), file.size(), crc));
                continue;
            }
            SharedFile uploaded = alreadyUploaded.get(file.name());
            if (uploaded != null && uploaded.size() == file.size()) {
                sharedFiles.add(uploaded);
            } else {
                String key = privateDirectoryName() + "-" + snapshot.checkpointId() + "-" + file.name();
                long crc = StateFiles.copyAtomicallyWithChecksum(source, shared.resolve(key));
                sharedFiles.add(new SharedFile(file.name(), key, file.size(), snapshot.checkpointId(), crc));
            }
        }
        return handle(snapshot, sharedFiles, privateFiles);
    }

    /**
     * Uploads the whole snapshot into the private directory: a self-contained checkpoint that shares
     * nothing with any other.
     *
     * @throws IllegalStateException if the private directory already holds files
     * @throws UncheckedIOException if a copy fails
     */
    public IncrementalStateHandle uploadFull(NativeSnapshot snapshot, Path checkpointDirectory) {
        Path privateDirectory = preparePrivateDirectory(checkpointDirectory);
        List<PrivateFile> privateFiles = new ArrayList<>();
        for (NativeFile file : snapshot.files()) {
            long crc = StateFiles.copyWithChecksum(snapshot.directory().resolve(file.name()),
                    privateDirectory.resolve(file.name()));
            privateFiles.add(new PrivateFile(file.name(), file.size(), crc));
        }
        return handle(snapshot, List.of(), privateFiles);
    }

    @Override
    public String toString() {
        return "IncrementalUploader[" + privateDirectoryName() + "]";
    }

    private IncrementalStateHandle handle(NativeSnapshot snapshot, List<SharedFile> shared, List<PrivateFile> files) {
        return new IncrementalStateHandle(snapshot.checkpointId(), snapshot.keyGroupRange(), snapshot.maxParallelism(),
                privateDirectoryName(), shared, files);
    }

    private Path preparePrivateDirectory(Path checkpointDirectory) {
        Path directory = checkpointDirectory.resolve(privateDirectoryName());
        StateFiles.createDirectories(directory);
        try (Stream<Path> existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalStateException("the private directory " + directory
                        + " already holds files; was this checkpoint id uploaded before?");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return directory;
    }
}
