package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.AckOutcome;
import io.snapsim.core.checkpoint.AckResult;
import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointCompletedNotice;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A checkpoint's way from the subtasks' acknowledgements to its announcement: every subtask
 * acknowledged (then its {@code _metadata} is written elsewhere), the core completes it, the store
 * records it, and the master and every task learn of it. A savepoint leaves the way at completion:
 * {@link SavepointRequests} announces it, and the store never holds it.
 *
 * <p>A checkpoint that reuses an incremental file which no retained checkpoint holds any more is
 * never completed: that file may be gone. Confined to the coordinator actor.
 */
final class Completions {
    private final Basics basics;
    private final SharedStateTracker sharedState;
    private final SavepointRequests savepoints;
    private final Aborts aborts;
    private final CheckpointCleaner cleaner;
    private final StoreLink store;

    Completions(Basics basics, SharedStateTracker sharedState, SavepointRequests savepoints, Aborts aborts,
                CheckpointCleaner cleaner, StoreLink store) {
        this.basics = basics;
        this.sharedState = sharedState;
        this.savepoints = savepoints;
        this.aborts = aborts;
        this.cleaner = cleaner;
        this.store = store;
    }

    /**
     * Hands a subtask's acknowledgement to the core. The files of an acknowledgement that no pending
     * checkpoint waits for (aborted, or of an earlier attempt) are deleted at once.
     *
     * @return the checkpoint, when this acknowledgement was the last it waited for
     */
    Optional<PendingCheckpoint> acknowledge(Acknowledge ack, long now) {
        if (ack.attempt() != basics.roster().attempt()) {
            sharedState.lateAcknowledgement(ack.states().values()); // its checkpoint was aborted at the failover
            return Optional.empty();
        }
        CheckpointCoordinatorCore core = basics.core();
        boolean ready = false;
        for (Map.Entry<SubtaskId, SubtaskStateSnapshot> e : ack.states().entrySet()) {
            SubtaskCheckpointMetrics m = ack.metrics(); // one task, a chain of operators: each reports its own size
            SubtaskCheckpointMetrics own = new SubtaskCheckpointMetrics(m.alignmentDurationMs(), m.startDelayMs(),
                    m.syncDurationMs(), m.asyncDurationMs(), e.getValue().checkpointedSize());
            AckOutcome outcome = core.acknowledge(ack.checkpointId(), e.getKey(), e.getValue(), own, now);
            if (outcome.result() == AckResult.SUCCESS) {
                sharedState.acknowledged(ack.checkpointId(), List.of(e.getValue()));
            } else if (outcome.result() != AckResult.DUPLICATE) {
                sharedState.lateAcknowledgement(List.of(e.getValue())); // no pending checkpoint will reference it
            }
            ready |= outcome.readyToComplete();
        }
        if (!ready) {
            return Optional.empty();
        }
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.AcknowledgedByAll(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                ack.checkpointId()));
        return Optional.of(core.pendingCheckpoint(ack.checkpointId()).orElseThrow());
    }

    /**
     * The {@code _metadata} of checkpoint {@code id} is written at {@code path}: the core completes
     * it, unless it ended meanwhile (then its files go) or it reuses a file that may be gone. A
     * completed checkpoint's subsumed pending ones are aborted, and it goes to the store.
     */
    void metadataWritten(long id, String path, long now) {
        CheckpointCoordinatorCore core = basics.core();
        List<SubtaskStateSnapshot> states = core.pendingCheckpoint(id)
                .map(p -> List.copyOf(p.acknowledgedStates().values())).orElse(List.of());
        String gone = sharedState.reusedFileNoLongerHeld(id, states);
        if (gone != null) {
            // based on a checkpoint subsumed meanwhile (concurrent checkpoints): never complete it
            core.fail(id, CheckpointFailureReason.SUBSUMED, "it reuses shared file " + gone
                    + ", which no retained checkpoint holds any more", now).ifPresent(aborts::aborted);
            return;
        }
        Optional<CompletionOutcome> completion = core.complete(id, path, now);
        if (completion.isEmpty()) {
            cleaner.discard(id); // expired or aborted while the metadata was written
            return;
        }
        CompletionOutcome outcome = completion.get();
        if (outcome.completed().kind() == TriggerKind.SAVEPOINT) {
            savepoints.completed(outcome.completed());
            return;
        }
        sharedState.completed(id, states); // every reused file is held: checked above
        basics.history().record(completedEvent(outcome.completed(), states));
        for (AbortedCheckpoint a : outcome.subsumedPending()) {
            aborts.aborted(a);
        }
        cleaner.subsumedOnCompletion(outcome);
        store.add(outcome);
    }

    /** The store recorded completed checkpoint {@code c}: the master and every task learn of it. */
    void announce(CompletedCheckpoint c) {
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.Stored(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                c.checkpointId()));
        basics.master().tell(new CheckpointCompletedNotice(c.checkpointId()));
        for (ActorRef<TaskCommand> task : basics.roster().tasks()) {
            task.tell(new NotifyComplete(c.checkpointId()));
        }
    }

    /** The completion of {@code completed} as the history records it, with Flink's two sizes. */
    private CheckpointEvents.Completed completedEvent(CompletedCheckpoint completed, List<SubtaskStateSnapshot> states) {
        long checkpointed = states.stream().mapToLong(SubtaskStateSnapshot::checkpointedSize).sum();
        CoordinatorHistory history = basics.history();
        return new CheckpointEvents.Completed(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                completed.checkpointId(), completed.kind().name().toLowerCase(), checkpointed, completed.stateSize(),
                Path.of(completed.metadataPath()).getParent().getFileName().toString());
    }
}
