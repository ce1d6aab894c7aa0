package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.runtime.coordinator.SelfMessages.ExpireCheck;
import io.snapsim.runtime.coordinator.SelfMessages.MetadataWritten;
import io.snapsim.runtime.coordinator.SelfMessages.StoreStopped;
import io.snapsim.runtime.coordinator.SelfMessages.Stored;
import io.snapsim.runtime.coordinator.SelfMessages.Tick;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.MasterCoordination.TriggerSavepoint;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.FinishInput;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * An attempt of the job runs: checkpoints and savepoints are triggered, acknowledged, completed,
 * recorded and announced, or aborted. Ends with a failover ({@link Suspended}), the job's end
 * ({@link Ended}), the store's death ({@link StoreLost}) or a planned crash.
 */
final class Running extends CoordinatorPhase {

    Running(ActorContext<CoordinatorCommand> context, CoordinatorParts parts) {
        super(context, parts);
    }

    @Override
    String name() {
        return "running";
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Tick.class, this::onTick)
                .onMessage(TriggerSavepoint.class, this::onTriggerSavepoint)
                .onMessage(Acknowledge.class, this::onAcknowledge)
                .onMessage(Decline.class, this::onDecline)
                .onMessage(ExpireCheck.class, this::onExpireCheck)
                .onMessage(MetadataWritten.class, this::onMetadataWritten)
                .onMessage(Stored.class, this::onStored)
                .onMessage(SourceExhausted.class, this::onSourceExhausted)
                .onMessage(Deployed.class, this::onDeployed)
                .onMessage(Suspend.class, this::onSuspend)
                .onMessage(StoreStopped.class, this::onStoreStopped)
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(JobEnded.class, this::onJobEnded)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onAnyMessage(this::ignore)
                .build();
    }

    private Behavior<CoordinatorCommand> onTick(Tick tick) {
        parts.trigger().tick(parts.aborts()::aborted);
        return this;
    }

    private Behavior<CoordinatorCommand> onTriggerSavepoint(TriggerSavepoint trigger) {
        parts.savepoints().request(trigger).ifPresent(parts.aborts()::aborted);
        return this;
    }

    private Behavior<CoordinatorCommand> onDecline(Decline decline) {
        Basics basics = parts.basics();
        if (decline.attempt() == basics.roster().attempt()) {
            basics.core().decline(decline.checkpointId(), decline.from(), decline.reason(), basics.history().now())
                    .ifPresent(parts.aborts()::aborted);
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onExpireCheck(ExpireCheck check) {
        for (AbortedCheckpoint a : parts.trigger().expire()) {
            parts.aborts().aborted(a);
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onMetadataWritten(MetadataWritten written) {
        Basics basics = parts.basics();
        long id = written.checkpointId();
        long now = basics.history().now();
        if (written.failure() != null) {
            basics.core().fail(id, CheckpointFailureReason.IO_FAILURE,
                    "writing _metadata failed: " + written.failure().getMessage(), now).ifPresent(parts.aborts()::aborted);
            return this;
        }
        parts.trigger().expiryEnded(id);
        Optional<CoordinatorCrashed> crash = parts.crashes().afterMetadata(id, basics.history().attempt());
        if (crash.isPresent()) {
            return crash(crash.get());
        }
        parts.completions().metadataWritten(id, written.path(), now);
        return this;
    }

    /**
     * The store recorded a completed checkpoint: it is announced (unless a planned fault crashes the
     * coordinator or damages the checkpoint first), what it subsumed goes, and the next checkpoint
     * is scheduled; after the final checkpoint the sources end their input instead.
     */
    private Behavior<CoordinatorCommand> onStored(Stored stored) {
        CompletionOutcome outcome = stored.outcome();
        CompletedCheckpoint completed = outcome.completed();
        int attempt = parts.basics().history().attempt();
        Optional<CoordinatorCrashed> crash = parts.crashes().beforeNotify(completed.checkpointId(), attempt);
        if (crash.isPresent()) {
            return crash(crash.get());
        }
        Optional<CheckpointDamaged> damaged = parts.storageFaults().checkpointStored(completed, attempt);
        if (damaged.isPresent()) {
            // damaged as it completed: no task learns of it, so no sink commits what it covers
            parts.basics().master().tell(damaged.get());
            parts.cleaner().discardSubsumed(outcome);
            return this;
        }
        parts.completions().announce(completed);
        parts.cleaner().discardSubsumed(outcome);
        parts.cleaner().discardClaimedIfSubsumed();
        if (completed.kind() == TriggerKind.FINAL) {
            parts.trigger().finalCheckpointCompleted();
            for (ActorRef<TaskCommand> source : parts.basics().roster().sources()) {
                source.tell(new FinishInput());
            }
        } else {
            parts.trigger().checkpointEnded();
        }
        return this;
    }
}
