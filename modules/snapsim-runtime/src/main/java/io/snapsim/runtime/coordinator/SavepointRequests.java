package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerDecision;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.storage.SavepointPaths;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointFailureLimitExceeded;
import io.snapsim.runtime.protocol.MasterCoordination.SavepointCompleted;
import io.snapsim.runtime.protocol.MasterCoordination.TriggerSavepoint;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Savepoints the user (or the fault plan) asked for, and stop-with-savepoint. A savepoint is
 * triggered like a checkpoint but writes into a folder of its own under {@code state.savepoints.dir};
 * while the core cannot trigger one (max-concurrent), the request is retried shortly. A completed
 * savepoint belongs to the user: it is neither recorded in the store nor ever deleted; the tasks
 * are notified (sinks commit what it covers), and the master learns its path and whether the job
 * stops now.
 *
 * <p>Confined to the coordinator actor.
 */
final class SavepointRequests {
    /** How soon a request that the core deferred is tried again. */
    private static final Duration RETRY = Duration.ofMillis(5);

    /** A savepoint in progress: its folder, and whether the job stops once it completed. */
    private record InProgress(Path directory, boolean stop) {
    }

    private final Basics basics;
    private final TriggerTimer trigger;
    private final SharedStateTracker sharedState;
    private final Path savepointsDirectory;
    private final String jobId;
    private final RandomGenerator random;
    private final Map<Long, InProgress> inProgress = new HashMap<>();

    /**
     * @param settings its savepoint folder ({@code state.savepoints.dir}, null when not configured) and job id
     * @param random   names savepoint folders; seeded in deterministic runs
     */
    SavepointRequests(Basics basics, TriggerTimer trigger, SharedStateTracker sharedState,
                      CheckpointCoordinatorActor.Settings settings, RandomGenerator random) {
        this.basics = basics;
        this.trigger = trigger;
        this.sharedState = sharedState;
        this.savepointsDirectory = settings.savepointsDirectory();
        this.jobId = settings.jobId();
        this.random = random;
    }

    /**
     * Triggers the savepoint {@code request} asks for, or retries it shortly when the core defers
     * it. Without a savepoint folder the master is told the savepoint cannot be taken.
     *
     * @return the savepoint, aborted because its folder cannot be created; or empty
     */
    Optional<AbortedCheckpoint> request(TriggerSavepoint request) {
        if (savepointsDirectory == null) {
            basics.master().tell(new CheckpointFailureLimitExceeded("cannot take a savepoint: "
                    + "state.savepoints.dir (execution.checkpointing.savepoint-dir) is not configured"));
            return Optional.empty();
        }
        long now = basics.history().now();
        TriggerDecision decision = basics.core().tryTrigger(now, TriggerKind.SAVEPOINT);
        if (!(decision instanceof TriggerDecision.Triggered triggered)) {
            basics.timers().startSingleTimer("savepoint-retry", request, RETRY);
            return Optional.empty();
        }
        long id = triggered.checkpoint().checkpointId();
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.SavepointTriggered(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                id, request.stop(), triggered.checkpoint().numberOfTasks()));
        Path dir = SavepointPaths.newSavepointDirectory(savepointsDirectory, jobId, random);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return basics.core().fail(id, CheckpointFailureReason.IO_FAILURE,
                    "cannot create savepoint folder " + dir + ": " + e, now);
        }
        inProgress.put(id, new InProgress(dir, request.stop()));
        trigger.triggerAtSources(id, triggered.checkpoint().triggerTimestamp(), dir.toString());
        trigger.expiryStarted(id);
        return Optional.empty();
    }

    /** The folder of savepoint {@code id}, or null when {@code id} is a checkpoint. */
    Path directoryOf(long id) {
        InProgress savepoint = inProgress.get(id);
        return savepoint == null ? null : savepoint.directory();
    }

    /** Savepoint {@code savepoint} completed: the tasks are notified and the master learns its path. */
    void completed(CompletedCheckpoint savepoint) {
        long id = savepoint.checkpointId();
        InProgress request = inProgress.remove(id);
        boolean stop = request != null && request.stop();
        sharedState.pendingEnded(id);
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.SavepointCompleted(history.now(), CoordinatorHistory.ACTOR, history.attempt(), id,
                savepoint.stateSize(), savepoint.stateSize(),
                Path.of(savepoint.metadataPath()).getParent().getFileName().toString()));
        for (ActorRef<TaskCommand> task : basics.roster().tasks()) {
            task.tell(new NotifyComplete(id));
        }
        basics.master().tell(new SavepointCompleted(id, savepoint.metadataPath(), stop));
    }
}
