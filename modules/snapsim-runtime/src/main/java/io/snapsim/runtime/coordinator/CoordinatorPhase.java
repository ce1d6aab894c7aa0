package io.snapsim.runtime.coordinator;

import io.snapsim.core.api.ExternalizedCheckpointCleanup.JobEnd;
import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.runtime.coordinator.SelfMessages.MetadataWritten;
import io.snapsim.runtime.coordinator.SelfMessages.StoreStopped;
import io.snapsim.runtime.coordinator.SelfMessages.Stored;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointStoreFailed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import io.snapsim.runtime.protocol.MasterCoordination.RetainedCheckpoints;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A phase of a coordinator with checkpointing on, once its store has answered: {@link Running},
 * {@link Suspended}, {@link StoreLost} or {@link Ended}. Each phase registers the messages it
 * handles and drops every other one on purpose; the handlers several phases share, and the
 * transitions between phases, live here. A transition returns the next phase; the parts stay.
 *
 * <p>Confined to the coordinator actor, like every behaviour.
 */
abstract class CoordinatorPhase extends AbstractBehavior<CoordinatorCommand> {
    /** What the master is told when the store stops under a running coordinator. */
    static final String STORE_STOPPED = "the completed-checkpoint store stopped: its journal failed to persist or "
            + "to replay, or it crashed (the log names the cause); completed checkpoints can no longer be recorded";

    protected final CoordinatorParts parts;

    CoordinatorPhase(ActorContext<CoordinatorCommand> context, CoordinatorParts parts) {
        super(context);
        this.parts = parts;
    }

    /** The phase's name, for diagnosis. */
    abstract String name();

    // ---------------------------------------------------------------- transitions

    /** A new attempt runs: triggering starts (again). */
    protected Behavior<CoordinatorCommand> onDeployed(Deployed deployed) {
        Basics basics = parts.basics();
        basics.roster().deployed(deployed.attempt(), deployed.tasks(), deployed.sources());
        parts.trigger().attemptDeployed();
        if (deployed.restoredCheckpointId() >= 0) {
            basics.core().markRestored(deployed.restoredCheckpointId());
        }
        parts.trigger().start();
        return new Running(getContext(), parts);
    }

    /** The job fails over: no more triggers, and the pending checkpoints go. */
    protected Behavior<CoordinatorCommand> onSuspend(Suspend suspend) {
        parts.trigger().stop();
        abortAll(CheckpointFailureReason.TASK_FAILURE, "job failover in attempt " + suspend.attempt());
        return new Suspended(getContext(), parts);
    }

    /**
     * The store stopped: no checkpoint can be recorded any more, so none is taken; the master ends
     * the job, and the coordinator waits for that.
     */
    protected Behavior<CoordinatorCommand> onStoreStopped(StoreStopped stopped) {
        parts.basics().timers().cancelAll();
        abortAll(CheckpointFailureReason.IO_FAILURE, "the completed-checkpoint store stopped");
        parts.basics().master().tell(new CheckpointStoreFailed(STORE_STOPPED));
        return new StoreLost(getContext(), parts);
    }

    /** The job ended: pending checkpoints go, the retention policy applies, and the master gets the figures. */
    protected Behavior<CoordinatorCommand> onJobEnded(JobEnded end) {
        parts.basics().timers().cancelAll();
        CheckpointFailureReason reason = end.end() == JobEnd.FINISHED
                ? CheckpointFailureReason.FINISHED : CheckpointFailureReason.JOB_CANCELLED;
        abortAll(reason, "job " + end.end().name().toLowerCase());
        String latest = parts.cleaner().jobEnded(end.end());
        CheckpointCoordinatorCore core = parts.basics().core();
        end.replyTo().tell(new Report(core.counts(), core.history(), latest));
        return new Ended(getContext(), parts);
    }

    /** Stops the coordinator as a planned fault says, and tells the master, which restarts it. */
    protected Behavior<CoordinatorCommand> crash(CoordinatorCrashed crashed) {
        parts.basics().timers().cancelAll();
        parts.basics().master().tell(crashed);
        return Behaviors.stopped();
    }

    // ---------------------------------------------------------------- handlers several phases share

    /**
     * A subtask acknowledged a checkpoint; when it was the last one the checkpoint waited for, its
     * {@code _metadata} is written. (Outside {@link Running} no checkpoint is pending, so only the
     * files of late acknowledgements are deleted.)
     */
    protected Behavior<CoordinatorCommand> onAcknowledge(Acknowledge ack) {
        long now = parts.basics().history().now();
        parts.completions().acknowledge(ack, now).ifPresent(pending -> writeMetadata(pending, now));
        return this;
    }

    /**
     * The store recorded a checkpoint that completed before the attempt stopped running: it is not
     * announced any more, but what it subsumed goes. A crash planned before the announcement still strikes.
     */
    protected Behavior<CoordinatorCommand> onStoredAfterRunning(Stored stored) {
        CompletedCheckpoint completed = stored.outcome().completed();
        Optional<CoordinatorCrashed> crash = parts.crashes().beforeNotify(completed.checkpointId(),
                parts.basics().history().attempt());
        if (crash.isPresent()) {
            return crash(crash.get());
        }
        parts.cleaner().discardSubsumed(stored.outcome());
        parts.cleaner().discardClaimedIfSubsumed();
        return this;
    }

    /** A source read all its input; once all have, the final checkpoint is due (in a running attempt). */
    protected Behavior<CoordinatorCommand> onSourceExhausted(SourceExhausted exhausted) {
        if (parts.basics().roster().sourceExhausted(exhausted.attempt(), exhausted.task())) {
            parts.trigger().allSourcesExhausted();
        }
        return this;
    }

    protected Behavior<CoordinatorCommand> onGetRetained(GetRetained get) {
        List<CompletedCheckpoint> retained = new ArrayList<>(parts.basics().core().retainedCheckpoints());
        Collections.reverse(retained);
        get.replyTo().tell(new RetainedCheckpoints(retained));
        return this;
    }

    protected Behavior<CoordinatorCommand> onDescribe(DescribeCoordinator describe) {
        CheckpointCoordinatorCore core = parts.basics().core();
        String pending = core.pendingCheckpoints().stream()
                .map(p -> p.checkpointId() + " (" + p.kind() + ", waiting for " + p.notYetAcknowledged() + ")")
                .toList().toString();
        describe.replyTo().tell("coordinator: " + name() + ", " + parts.basics().roster().describe()
                + ", pending " + pending + ", counts " + core.counts());
        return this;
    }

    /** A message this phase has no use for (a late timer or reply, a request it does not serve). */
    protected Behavior<CoordinatorCommand> ignore(CoordinatorCommand message) {
        return this;
    }

    private void writeMetadata(PendingCheckpoint pending, long now) {
        long id = pending.checkpointId();
        CompletableFuture<String> write = parts.assembler().write(pending, parts.savepoints().directoryOf(id), now);
        getContext().pipeToSelf(write, (path, failure) -> new MetadataWritten(id, path, failure));
    }

    private void abortAll(CheckpointFailureReason reason, String message) {
        Basics basics = parts.basics();
        CoordinatorHistory history = basics.history();
        for (AbortedCheckpoint a : basics.core().abortAll(reason, message, history.now())) {
            history.record(new CheckpointEvents.Aborted(history.now(), CoordinatorHistory.ACTOR, history.attempt(),
                    a.checkpointId(), a.reason().name(), a.message()));
            parts.cleaner().discard(a.checkpointId());
        }
    }
}
