package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.runtime.store.CheckpointEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What a starting coordinator learns from its store: the completed checkpoints it may restore from
 * (savepoints belong to the user and are not among them), and the id its own next checkpoint
 * takes. Ids never repeat: the next one follows the checkpoint the job was submitted from, every
 * stored one, and every {@code chk-N} folder on disk (a crashed coordinator may have left folders
 * it never recorded).
 *
 * @param completed        the stored checkpoints, ascending by id
 * @param nextCheckpointId the smallest id above the submitted-from checkpoint and every stored entry
 */
record RecoveredCheckpoints(List<CompletedCheckpoint> completed, long nextCheckpointId) {

    RecoveredCheckpoints {
        completed = List.copyOf(completed);
    }

    /**
     * @param entries                  the store's entries, ascending by id
     * @param submittedAfterCheckpoint the checkpoint or savepoint the job was submitted from, 0 if none
     */
    static RecoveredCheckpoints of(List<CheckpointEntry> entries, long submittedAfterCheckpoint) {
        List<CompletedCheckpoint> completed = new ArrayList<>();
        long nextId = submittedAfterCheckpoint + 1;
        for (CheckpointEntry e : entries) {
            if (!e.savepoint()) {
                completed.add(new CompletedCheckpoint(e.checkpointId(), e.triggerTimestamp(), e.completionTimestamp(),
                        e.metadataPath(), e.stateSize(), TriggerKind.PERIODIC));
            }
            nextId = Math.max(nextId, e.checkpointId() + 1);
        }
        return new RecoveredCheckpoints(completed, nextId);
    }

    /** The next id once the {@code chk-N} folders on disk are counted too. */
    long nextCheckpointIdAbove(Collection<Long> idsOnDisk) {
        long nextId = nextCheckpointId;
        for (long onDisk : idsOnDisk) {
            nextId = Math.max(nextId, onDisk + 1);
        }
        return nextId;
    }

    /** The completed checkpoints, newest first. */
    List<CompletedCheckpoint> newestFirst() {
        List<CompletedCheckpoint> newestFirst = new ArrayList<>(completed);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
