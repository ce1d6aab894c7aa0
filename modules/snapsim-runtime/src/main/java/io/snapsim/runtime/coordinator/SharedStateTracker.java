package io.snapsim.runtime.coordinator;

import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SharedStateRegistry;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
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
 * <p>A task reuses the files of the last checkpoint it was told completed. While other checkpoints
 * are pending, a task may not have heard of the latest completion yet and may base a pending
 * checkpoint on the one just subsumed. So a file released while checkpoints are pending is only
 * deleted once every checkpoint pending at its release has ended without referencing it (a
 * checkpoint triggered later reaches each task after that task was notified of the completion).
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
    /** Files no retained checkpoint references, kept for the checkpoints that were pending at their release. */
    private final Map<String, java.util.Set<Long>> deferred = new java.util.TreeMap<>();

    /** @param jobDirectory the job's checkpoint directory, holding {@code shared/} */
    SharedStateTracker(Path jobDirectory) {
        this.sharedDirectory = IncrementalStateHandle.sharedDirectory(jobDirectory).toAbsolutePath().normalize();
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
                if (file.uploadedBy() != checkpointId && registry.referenceCount(file.sharedKey()) == 0
                        && !deferred.containsKey(file.sharedKey())) {
                    return file.sharedKey() + " (uploaded by checkpoint " + file.uploadedBy() + ")";
                }
            }
        }
        return null;
    }

    /**
     * A checkpoint completed: count its references (a file kept back for pending checkpoints is
     * referenced again), then delete what no pending checkpoint needs any more.
     *
     * @throws IllegalStateException if it reuses a file that is neither held nor kept back
     */
    void completed(long checkpointId, Collection<SubtaskStateSnapshot> states) {
        String gone = reusedFileNoLongerHeld(checkpointId, states);
        if (gone != null) {
            throw new IllegalStateException("checkpoint " + checkpointId + " reuses shared file " + gone
                    + ", which no retained checkpoint holds any more");
        }
        uploadedByPending.remove(checkpointId);
        List<String> keys = new ArrayList<>();
        for (IncrementalStateHandle handle : nativeHandles(states)) {
            keys.addAll(handle.sharedFileKeys());
        }
        registry.register(checkpointId, keys);
        deferred.keySet().removeAll(keys);
        pendingEnded(checkpointId);
    }

    /**
     * A pending checkpoint (or savepoint) ended: the files kept back only for it, and still
     * unreferenced, are deleted.
     *
     * @return the number of files deleted
     */
    int pendingEnded(long checkpointId) {
        List<String> ready = new ArrayList<>();
        var entries = deferred.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            entry.getValue().remove(checkpointId);
            if (entry.getValue().isEmpty()) {
                entries.remove();
                if (registry.referenceCount(entry.getKey()) == 0) {
                    ready.add(entry.getKey());
                }
            }
        }
        return delete(ready);
    }

    /**
     * A checkpoint was aborted: the files its acknowledgements uploaded are deleted.
     *
     * @return the number of files deleted
     */
    int aborted(long checkpointId) {
        TreeSet<String> keys = uploadedByPending.remove(checkpointId);
        int deleted = pendingEnded(checkpointId);
        if (keys == null) {
            return deleted;
        }
        List<String> unreferenced = keys.stream().filter(k -> registry.referenceCount(k) == 0).toList();
        return deleted + delete(unreferenced);
    }

    /**
     * A completed checkpoint is no longer retained (subsumed, or discarded as the job ends): the
     * files no other retained checkpoint references are deleted, at once when no checkpoint is
     * pending, otherwise once the checkpoints pending now have ended without referencing them.
     *
     * @param pending the ids of the checkpoints and savepoints pending now
     * @return the number of files deleted now
     */
    int released(long checkpointId, Collection<Long> pending) {
        List<String> unreferenced = registry.release(checkpointId);
        if (pending.isEmpty()) {
            return delete(unreferenced);
        }
        for (String key : unreferenced) {
            deferred.computeIfAbsent(key, k -> new java.util.HashSet<>()).addAll(pending);
        }
        return 0;
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
        Path shared = IncrementalStateHandle.sharedDirectory(claimedJobDirectory).toAbsolutePath().normalize();
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
