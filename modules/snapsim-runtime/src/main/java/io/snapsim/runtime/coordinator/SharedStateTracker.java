package io.snapsim.runtime.coordinator;

import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.rocksdb.IncrementalStateHandle;
import io.snapsim.rocksdb.IncrementalUploader;
import io.snapsim.rocksdb.SharedStateRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The coordinator's side of incremental checkpoints: who may delete which file of the job's
 * {@code shared/} folder. Files a completed checkpoint references are counted in a
 * {@link SharedStateRegistry} and deleted when the last retained checkpoint referencing them is
 * subsumed; files uploaded for a checkpoint that never completes are deleted when it is aborted, or
 * at once when its acknowledgement arrives too late. A job that ends with its checkpoints retained
 * keeps exactly the files those checkpoints reference.
 *
 * <p>Touches nothing outside the job's {@code shared/} folder, except the shared files of a
 * checkpoint of another job that this job claimed ({@link #deleteClaimedSharedFiles}).
 *
 * <p>Confined to the coordinator actor.
 */
final class SharedStateTracker {
    private final Path sharedDirectory;
    private final SharedStateRegistry registry = new SharedStateRegistry();
    /** Shared files uploaded by acknowledgements of checkpoints that have not completed yet. */
    private final Map<Long, TreeSet<String>> uploadedByPending = new HashMap<>();

    /** @param jobDirectory the job's checkpoint directory, holding {@code shared/} */
    SharedStateTracker(Path jobDirectory) {
        this.sharedDirectory = IncrementalUploader.sharedDirectory(jobDirectory).toAbsolutePath().normalize();
    }

    /** A subtask acknowledged a pending checkpoint: remember the files it uploaded, in case it is aborted. */
    void acknowledged(long checkpointId, Collection<SubtaskStateSnapshot> states) {
        for (IncrementalStateHandle handle : nativeHandles(states)) {
            if (!handle.newSharedFileKeys().isEmpty()) {
                uploadedByPending.computeIfAbsent(checkpointId, id -> new TreeSet<>()).addAll(handle.newSharedFileKeys());
            }
        }
    }

    /**
     * An acknowledgement of a checkpoint that no longer waits for it (aborted, or of an earlier
     * attempt): nothing will ever reference the files it uploaded, so they are deleted now.
     *
     * @return the number of files deleted
     */
    int lateAcknowledgement(Collection<SubtaskStateSnapshot> states) {
        List<String> keys = new ArrayList<>();
        for (IncrementalStateHandle handle : nativeHandles(states)) {
            keys.addAll(handle.newSharedFileKeys());
        }
        return delete(keys);
    }

    /**
     * The first shared file the checkpoint reuses from an earlier checkpoint that no retained
     * checkpoint holds any more (so it may have been deleted), or null when every reused file is
     * held. A task reuses the files of the last checkpoint it knows completed; with concurrent
     * checkpoints, that one may have been subsumed meanwhile.
     */
    String reusedFileNoLongerHeld(long checkpointId, Collection<SubtaskStateSnapshot> states) {
        for (IncrementalStateHandle handle : nativeHandles(states)) {
            for (var file : handle.sharedFiles()) {
                if (file.uploadedBy() != checkpointId && registry.referenceCount(file.sharedKey()) == 0) {
                    return file.sharedKey() + " (uploaded by checkpoint " + file.uploadedBy() + ")";
                }
            }
        }
        return null;
    }

    /**
     * A checkpoint completed: count its references.
     *
     * @throws IllegalStateException if it reuses a file no retained checkpoint holds any more
     */
    void completed(long checkpointId, Collection<SubtaskStateSnapshot> states) {
        uploadedByPending.remove(checkpointId);
        registry.registerHandles(checkpointId, nativeHandles(states));
    }

    /**
     * A checkpoint was aborted: the files its acknowledgements uploaded are deleted.
     *
     * @return the number of files deleted
     */
    int aborted(long checkpointId) {
        TreeSet<String> keys = uploadedByPending.remove(checkpointId);
        if (keys == null) {
            return 0;
        }
        List<String> unreferenced = keys.stream().filter(k -> registry.referenceCount(k) == 0).toList();
        return delete(unreferenced);
    }

    /**
     * A completed checkpoint is no longer retained (subsumed, or discarded as the job ends): the
     * files no other retained checkpoint references are deleted.
     *
     * @return the number of files deleted
     */
    int released(long checkpointId) {
        return delete(registry.release(checkpointId));
    }

    /**
     * Counts the references of a checkpoint found in the completed-checkpoint store when the
     * coordinator (re)starts, reading its metadata. A checkpoint whose metadata cannot be read
     * counts nothing: it cannot be restored either.
     */
    void recovered(long checkpointId, Path metadataFile) {
        List<String> keys = new ArrayList<>();
        try {
            CheckpointMetadata metadata = MetadataFormat.read(metadataFile);
            for (OperatorStateSnapshot op : metadata.operators()) {
                for (IncrementalStateHandle handle : nativeHandles(op.subtasks())) {
                    keys.addAll(handle.sharedFileKeys());
                }
            }
        } catch (RuntimeException e) {
            return;
        }
        registry.registerRecovered(checkpointId, keys);
    }

    /**
     * Deletes every file in {@code shared/} that no retained checkpoint references: uploads of
     * checkpoints that never completed and were not cleaned up (a task failed while uploading).
     * Only called once no task runs any more.
     *
     * @return the number of files deleted
     */
    int deleteUnreferenced() {
        if (!Files.isDirectory(sharedDirectory)) {
            return 0;
        }
        List<String> unreferenced = new ArrayList<>();
        try (Stream<Path> files = Files.list(sharedDirectory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && registry.referenceCount(name) == 0) {
                    unreferenced.add(name);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return delete(unreferenced);
    }

    /** The keys of every shared file a retained checkpoint references, sorted. */
    java.util.SortedSet<String> referencedFiles() {
        return registry.referencedFiles();
    }

    /**
     * CLAIM mode, once the claimed checkpoint of another job is subsumed (its {@code chk-N} folder
     * already deleted): deletes the shared files it referenced from that job's {@code shared/}
     * folder, except those another retained checkpoint still in that folder references. This job
     * never references them: its first checkpoint uploaded everything anew.
     *
     * @return the number of files deleted
     */
    static int deleteClaimedSharedFiles(CheckpointMetadata claimed, Path claimedJobDirectory) {
        Path shared = IncrementalUploader.sharedDirectory(claimedJobDirectory).toAbsolutePath().normalize();
        java.util.Set<String> stillReferenced = new java.util.HashSet<>();
        try (Stream<Path> folders = Files.list(claimedJobDirectory)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().matches("chk-\\d+")).toList()) {
                Path metadata = folder.resolve(MetadataFormat.METADATA_FILE_NAME);
                if (!Files.isRegularFile(metadata)) {
                    continue;
                }
                try {
                    for (OperatorStateSnapshot op : MetadataFormat.read(metadata).operators()) {
                        for (IncrementalStateHandle handle : nativeHandles(op.subtasks())) {
                            stillReferenced.addAll(handle.sharedFileKeys());
                        }
                    }
                } catch (RuntimeException e) {
                    return 0; // an unreadable checkpoint might reference anything: delete nothing
                }
            }
        } catch (IOException e) {
            return 0;
        }
        int deleted = 0;
        for (OperatorStateSnapshot op : claimed.operators()) {
            for (IncrementalStateHandle handle : nativeHandles(op.subtasks())) {
                for (String key : handle.sharedFileKeys()) {
                    if (!stillReferenced.contains(key)) {
                        deleted += deleteFile(shared, key) ? 1 : 0;
                    }
                }
            }
        }
        return deleted;
    }

    /** The RocksDB checkpoints among the subtasks' keyed state. */
    static List<IncrementalStateHandle> nativeHandles(Collection<SubtaskStateSnapshot> states) {
        List<IncrementalStateHandle> handles = new ArrayList<>();
        for (SubtaskStateSnapshot state : states) {
            if (state.keyedState() instanceof StateHandle.Native nativeHandle
                    && IncrementalStateHandle.NATIVE_FORMAT.equals(nativeHandle.format())) {
                handles.add(IncrementalStateHandle.fromStateHandle(nativeHandle));
            }
        }
        return handles;
    }

    private int delete(Collection<String> keys) {
        int deleted = 0;
        for (String key : keys) {
            deleted += deleteFile(sharedDirectory, key) ? 1 : 0;
        }
        return deleted;
    }

    private static boolean deleteFile(Path shared, String key) {
        Path file = shared.resolve(key).normalize();
        if (!shared.equals(file.getParent())) {
            return false; // never outside shared/ (keys are plain names; this guards against a forged one)
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete shared file " + file, e);
        }
    }
}
