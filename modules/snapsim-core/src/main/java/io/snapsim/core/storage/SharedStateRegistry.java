package io.snapsim.core.storage;

import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reference counts of the shared files of a job's retained checkpoints, deciding when a shared
 * file may be deleted, like Flink's {@code SharedStateRegistry}: a file is deleted exactly when the
 * last retained checkpoint referencing it is released (subsumed, or discarded when the job ends).
 *
 * <p>Keys are {@linkplain SharedFile#sharedKey() shared keys}, the file names in
 * {@code {jobDir}/shared/}. Each registered checkpoint counts once per distinct key, however many
 * times it lists it. A checkpoint that reuses files must be registered before the checkpoint it
 * took them from is released (the coordinator adds the new completed checkpoint, then subsumes the
 * old ones); {@link #registerHandles} checks that every reused file is still held and refuses the
 * checkpoint otherwise, since its file would already have been deleted.
 *
 * <p>Holds no files itself: {@link #release} returns the keys to delete, and the caller deletes them.
 * Not thread-safe: confined to the checkpoint coordinator.
 */
public final class SharedStateRegistry {
    private final Map<String, Integer> referenceCounts = new HashMap<>();
    private final TreeMap<Long, List<String>> checkpoints = new TreeMap<>();

    /**
     * Registers a completed checkpoint's shared files.
     *
     * @throws IllegalStateException if the checkpoint is already registered
     */
    public void register(long checkpointId, Collection<String> sharedFileKeys) {
        Objects.requireNonNull(sharedFileKeys, "sharedFileKeys");
        requireUnregistered(checkpointId);
        List<String> keys = new ArrayList<>(new TreeSet<>(sharedFileKeys));
        for (String key : keys) {
            referenceCounts.merge(Objects.requireNonNull(key, "shared file key"), 1, Integer::sum);
        }
        checkpoints.put(checkpointId, keys);
    }

    /**
     * Registers a completed checkpoint made of the given subtask handles, after checking that every
     * shared file it reuses from an earlier checkpoint is still held by a retained checkpoint.
     *
     * @throws IllegalStateException naming the file if a reused file is no longer held (its file was
     *     deleted when its last checkpoint was released: the checkpoint must be declined), or if the
     *     checkpoint is already registered
     */
    public void registerHandles(long checkpointId, Collection<IncrementalStateHandle> handles) {
        requireUnregistered(checkpointId);
        List<String> keys = new ArrayList<>();
        for (IncrementalStateHandle handle : handles) {
            for (SharedFile file : handle.sharedFiles()) {
                if (file.uploadedBy() != checkpointId && !referenceCounts.containsKey(file.sharedKey())) {
                    throw new IllegalStateException("checkpoint " + checkpointId + " reuses shared file "
                            + file.sharedKey() + " uploaded by checkpoint " + file.uploadedBy()
                            + ", but no retained checkpoint holds that file any more (it has been deleted)");
                }
                keys.add(file.sharedKey());
            }
        }
        register(checkpointId, keys);
    }

    /**
     * Registers a checkpoint found again after a restart of the coordinator (from the completed
     * checkpoint store), in any order: the shared files it references exist and are not checked.
     *
     * @throws IllegalStateException if the checkpoint is already registered
     */
    public void registerRecovered(long checkpointId, Collection<String> sharedFileKeys) {
        register(checkpointId, sharedFileKeys);
    }

    /**
     * Releases a checkpoint that is no longer retained.
     *
     * @return the keys, sorted, of the shared files that no retained checkpoint references any more:
     *     the caller deletes them; empty if the checkpoint was not registered
     */
    public List<String> release(long checkpointId) {
        List<String> keys = checkpoints.remove(checkpointId);
        if (keys == null) {
            return List.of();
        }
        List<String> unreferenced = new ArrayList<>();
        for (String key : keys) {
            int count = referenceCounts.merge(key, -1, Integer::sum);
            if (count == 0) {
                referenceCounts.remove(key);
                unreferenced.add(key);
            }
        }
        Collections.sort(unreferenced);
        return unreferenced;
    }

    /** How many retained checkpoints reference the file; 0 for an unknown one. */
    public int referenceCount(String sharedFileKey) {
        return referenceCounts.getOrDefault(sharedFileKey, 0);
    }

    /** The ids of the registered checkpoints, ascending. */
    public SortedSet<Long> retainedCheckpoints() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(checkpoints.keySet()));
    }

    /** The keys of every file some retained checkpoint references, sorted. */
    public SortedSet<String> referencedFiles() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(referenceCounts.keySet()));
    }

    @Override
    public String toString() {
        return "SharedStateRegistry[checkpoints=" + checkpoints.keySet() + ", files=" + referenceCounts.size() + "]";
    }

    private void requireUnregistered(long checkpointId) {
        if (checkpoints.containsKey(checkpointId)) {
            throw new IllegalStateException("checkpoint " + checkpointId + " is already registered");
        }
    }
}
