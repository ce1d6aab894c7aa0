package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointFailureLimitExceeded;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyAborted;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What follows when the core aborted a pending checkpoint (declined, expired, failed to write,
 * subsumed before completing): the history records it, every task learns of it and discards what
 * it holds, its files go, and either the next trigger is rescheduled or, past the tolerable number
 * of failed checkpoints, the master fails the job over.
 *
 * <p>Confined to the coordinator actor.
 */
final class Aborts {
    private final Basics basics;
    private final TriggerTimer trigger;
    private final CheckpointCleaner cleaner;
    private final int tolerableFailures;

    Aborts(Basics basics, TriggerTimer trigger, CheckpointCleaner cleaner) {
        this.basics = basics;
        this.trigger = trigger;
        this.cleaner = cleaner;
        this.tolerableFailures = basics.core().config().tolerableFailedCheckpoints();
    }

    /** The core aborted {@code aborted}. */
    void aborted(AbortedCheckpoint aborted) {
        long id = aborted.checkpointId();
        trigger.expiryEnded(id);
        CoordinatorHistory history = basics.history();
        history.record(new CheckpointEvents.Aborted(history.now(), CoordinatorHistory.ACTOR, history.attempt(), id,
                aborted.reason().name(), aborted.message()));
        for (ActorRef<TaskCommand> task : basics.roster().tasks()) {
            task.tell(new NotifyAborted(id));
        }
        cleaner.discard(id);
        if (basics.core().tolerableFailuresExceeded()) {
            basics.master().tell(new CheckpointFailureLimitExceeded("Exceeded checkpoint tolerable failure threshold ("
                    + tolerableFailures + "): checkpoint " + id + " failed: " + aborted.reason()
                    + (aborted.message() == null ? "" : " (" + aborted.message() + ")")));
        } else {
            trigger.checkpointEnded();
        }
    }
}
