package io.snapsim.runtime.coordinator;

import io.snapsim.core.api.ExternalizedCheckpointCleanup.JobEnd;
import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FileTrees;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.MetadataFormat;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletes what no longer needs to stay on disk: aborted checkpoints, completed ones subsumed beyond
 * num-retained (once the store knows their successor), the checkpoint claimed in CLAIM mode once
 * this job's own checkpoints subsume it, and, when the job ends, whatever the retention policy does
 * not keep. Shared files of incremental checkpoints go through the {@link SharedStateTracker}.
 * Every deletion the history should know of is recorded as a {@link CheckpointEvents} event.
 *
 * <p>Deletes nothing outside the job's checkpoint folder, except the claimed checkpoint, which the
 * user handed over. Confined to the coordinator actor.
 */
final class CheckpointCleaner {
    private static final String CHECKPOINT_FOLDER = "chk-\\d+";

    private final Basics basics;
    private final FsCheckpointStorage storage;
    private final SharedStateTracker sharedState;
    private final StoreLink store;
    private final int numRetained;
    private final ExternalizedCheckpointCleanup retention;
    /** A claimed checkpoint not deleted yet (CLAIM mode), or null. */
    private Path claimed;
    /**
     * Checkpoints subsumed by a completion whose entry the store has not confirmed yet: their files
     * are deleted once it has, or when the job ends first (then no store entry needs them any more).
     */
    private final Set<Long> subsumedAwaitingStore = new TreeSet<>();

    CheckpointCleaner(Basics basics, CheckpointCoordinatorActor.Settings settings, SharedStateTracker sharedState,
                      StoreLink store) {
        this.basics = basics;
        this.storage = settings.storage();
        this.sharedState = sharedState;
        this.store = store;
        this.numRetained = settings.core().numRetained();
        this.retention = settings.retention();
        this.claimed = settings.claimedCheckpoint();
    }

    /** Deletes a checkpoint that will not be retained: pending, or completed and no longer needed. */
    void discard(long checkpointId) {
        sharedState.aborted(checkpointId);
        sharedState.released(checkpointId, pendingIds());
        discardFolder(checkpointId);
    }

    /** A completion subsumed older checkpoints; they go once the store confirmed it ({@link #discardSubsumed}). */
    void subsumedOnCompletion(CompletionOutcome outcome) {
        for (CompletedCheckpoint old : outcome.subsumedCompleted()) {
            subsumedAwaitingStore.add(old.checkpointId());
        }
    }

    /** Deletes the completed checkpoints a completion pushed beyond num-retained, now that the store knows the new one. */
    void discardSubsumed(CompletionOutcome outcome) {
        CoordinatorHistory history = basics.history();
        for (CompletedCheckpoint old : outcome.subsumedCompleted()) {
            history.record(new CheckpointEvents.Subsumed(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                    old.checkpointId()));
            subsumedAwaitingStore.remove(old.checkpointId());
            sharedState.released(old.checkpointId(), pendingIds());
            discardFolder(old.checkpointId());
            store.remove(old.checkpointId());
        }
    }

    /**
     * CLAIM mode: once num-retained checkpoints of this job completed, the claimed checkpoint is
     * subsumed like one of the job's own and deleted: its {@code chk-N} folder and, for a RocksDB
     * checkpoint, the files of its job's {@code shared/} folder that it references and no other
     * {@code chk-N} left in that folder references.
     */
    void discardClaimedIfSubsumed() {
        if (claimed == null || basics.core().retainedCheckpoints().size() < numRetained) {
            return;
        }
        Path chk = claimed.toAbsolutePath().normalize().getParent();
        claimed = null;
        // the user handed this checkpoint over with -s and CLAIM; still, only a chk-N folder holding
        // the metadata of a checkpoint (never a savepoint) is deleted
        if (chk == null || !chk.getFileName().toString().matches(CHECKPOINT_FOLDER)
                || !Files.isRegularFile(chk.resolve(MetadataFormat.METADATA_FILE_NAME))) {
            claimedCheckpoint(chk == null ? null : chk.getFileName().toString(), false, "not a chk-N folder with _metadata");
            return;
        }
        String folder = chk.getFileName().toString();
        CheckpointMetadata claimedMetadata;
        try {
            claimedMetadata = MetadataFormat.read(chk.resolve(MetadataFormat.METADATA_FILE_NAME));
        } catch (RuntimeException e) {
            claimedCheckpoint(folder, false, "cannot read its metadata");
            return;
        }
        try {
            FileTrees.deleteRecursively(chk);
        } catch (UncheckedIOException e) {
            claimedCheckpoint(folder, false, "cannot delete it");
            return;
        }
        // its shared files: this job never referenced them (its first checkpoint uploaded all anew)
        SharedStateTracker.deleteClaimedSharedFiles(claimedMetadata, chk.getParent());
        claimedCheckpoint(folder, true, "subsumed by this job's own checkpoints (CLAIM)");
    }

    /**
     * The job ended: subsumed checkpoints still waiting for the store go, and the retention policy
     * decides whether the retained checkpoints stay. When they stay, the job's folder keeps exactly
     * them, and {@code shared/} exactly what they reference; otherwise the job's folder goes.
     *
     * @return the metadata path of the latest completed checkpoint left on disk, or null
     */
    String jobEnded(JobEnd end) {
        for (long subsumed : subsumedAwaitingStore) {
            discard(subsumed);
        }
        subsumedAwaitingStore.clear();
        String latest = basics.core().latestCompleted().map(CompletedCheckpoint::metadataPath).orElse(null);
        boolean keep = retention.keepsCheckpointsWhen(end);
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.RetentionApplied(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                end.name().toLowerCase(), retention.name(),
                keep && latest != null ? Path.of(latest).getParent().getFileName().toString() : null));
        if (!keep) {
            deleteJobFolder();
            return null;
        }
        // no task runs any more (a task that failed while uploading may have left files behind)
        Set<Long> kept = new HashSet<>();
        basics.core().retainedCheckpoints().forEach(c -> kept.add(c.checkpointId()));
        for (long onDisk : storage.checkpointFoldersOnDisk()) {
            if (!kept.contains(onDisk)) {
                discardFolder(onDisk);
            }
        }
        sharedState.deleteUnreferenced();
        return latest;
    }

    private void deleteJobFolder() {
        for (CompletedCheckpoint c : basics.core().retainedCheckpoints()) {
            discardFolder(c.checkpointId());
        }
        try {
            storage.discardJobDirectory();
        } catch (RuntimeException e) {
            CoordinatorHistory history = basics.history();
            history.record(new CheckpointEvents.JobFolderKept(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                    "cannot delete it"));
        }
    }

    /**
     * Deletes a {@code chk-N} folder. When a task's late write keeps it from going (live execution
     * only), the coordinator goes on: the folder is deleted when the job ends.
     */
    private void discardFolder(long checkpointId) {
        try {
            storage.discardCheckpoint(checkpointId);
        } catch (UncheckedIOException e) {
            CoordinatorHistory history = basics.history();
            history.record(new CheckpointEvents.FolderKept(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                    checkpointId, "cannot delete it yet (a late write still goes on)"));
        }
    }

    private void claimedCheckpoint(String folder, boolean deleted, String reason) {
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.ClaimedCheckpoint(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                folder, deleted, reason));
    }

    private List<Long> pendingIds() {
        return basics.core().pendingCheckpoints().stream().map(PendingCheckpoint::checkpointId).toList();
    }
}
