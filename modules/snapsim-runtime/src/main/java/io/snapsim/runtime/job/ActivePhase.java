package io.snapsim.runtime.job;

import io.snapsim.core.job.JobStatus;
import io.snapsim.runtime.job.MasterMessages.PlannedCancel;
import io.snapsim.runtime.job.MasterMessages.PlannedSavepoint;
import io.snapsim.runtime.job.MasterMessages.Redeploy;
import io.snapsim.runtime.job.MasterMessages.RestoreFrom;
import io.snapsim.runtime.job.MasterMessages.TaskTerminated;
import io.snapsim.runtime.protocol.JobControl.Cancel;
import io.snapsim.runtime.protocol.JobControl.TriggerSavepointNow;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointCompletedNotice;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointFailureLimitExceeded;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointStoreFailed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorReady;
import io.snapsim.runtime.protocol.MasterCoordination.SavepointCompleted;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * What the phases between the coordinator's start and the job's end share: a coordinator runs,
 * and an attempt runs or one (re)deployment is pending. {@link Deployments} decides what a
 * coordinator's readiness, a restart timer and a retained-checkpoints answer mean; a coordinator
 * crash restarts the coordinator; cancels, savepoints and planned actions go through. A phase says
 * how it takes a failure, a stop-with-savepoint and the end of its tasks.
 *
 * <p>Confined to the actor.
 */
abstract class ActivePhase extends MasterPhase {

    ActivePhase(JobMaster master) {
        super(master);
    }

    /** Registers the messages this phase handles its own way; they take precedence over the shared handlers. */
    protected void phaseMessages(ReceiveBuilder<MasterCommand> builder) {
    }

    /** The phase of an attempt this phase has just deployed. */
    protected abstract Behavior<MasterCommand> deployed();

    /** The phase while the redeployment a coordinator crash started is pending. */
    protected abstract Behavior<MasterCommand> restarting();

    /** A stop-with-savepoint's savepoint {@code savepointId} completed. */
    protected abstract Behavior<MasterCommand> stop(long savepointId);

    /**
     * A failure that fails a running attempt over ({@code faultIndex}: the planned fault behind it,
     * or -1). While a redeployment is pending it is dropped: it belongs to the same failover, and
     * the pending attempt restores from an intact checkpoint anyway.
     */
    protected Behavior<MasterCommand> failOver(String cause, int faultIndex) {
        return this;
    }

    /** The coordinator is ready and {@link Deployments} answered {@code step}. */
    protected Behavior<MasterCommand> coordinatorReady(Deployments.Step step) {
        return perform(step);
    }

    @Override
    public final Receive<MasterCommand> createReceive() {
        ReceiveBuilder<MasterCommand> builder = newReceiveBuilder();
        phaseMessages(builder);
        builder.onMessage(CoordinatorReady.class, this::onCoordinatorReady)
                .onMessage(Redeploy.class, this::onRedeploy)
                .onMessage(RestoreFrom.class, this::onRestoreFrom)
                .onMessage(CoordinatorCrashed.class, this::onCoordinatorCrashed)
                .onMessage(CheckpointFailureLimitExceeded.class, this::onCheckpointFailureLimit)
                .onMessage(CheckpointStoreFailed.class, this::onCheckpointStoreFailed)
                .onMessage(CheckpointDamaged.class, this::onCheckpointDamaged)
                .onMessage(CheckpointCompletedNotice.class, this::onCheckpointCompletedNotice)
                .onMessage(SavepointCompleted.class, this::onSavepointCompleted)
                .onMessage(PlannedSavepoint.class, this::onPlannedSavepoint)
                .onMessage(TriggerSavepointNow.class, this::onTriggerSavepointNow)
                .onMessage(PlannedCancel.class, this::onPlannedCancel)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(TaskTerminated.class, this::onTaskTerminated);
        // unless the phase takes them: a task of an attempt already being replaced failed (it belongs
        // to the same failover, and a planned fault behind it stays armed, so that it still causes a
        // failover of its own), finished or stopped
        return dropping(everyPhase(builder), TaskFailed.class, TaskFinished.class, TaskStopped.class).build();
    }

    /** Does what {@link Deployments} decided. */
    protected final Behavior<MasterCommand> perform(Deployments.Step step) {
        if (step instanceof Deployments.Deploy deploy) {
            return master.deployFromRetained(deploy.attempt(), deploy.retainedNewestFirst(), this::deployed);
        }
        if (step instanceof Deployments.AskRetained ask) {
            master.askRetained(ask.request());
        }
        return this;
    }

    private Behavior<MasterCommand> onCoordinatorReady(CoordinatorReady ready) {
        Deployments.Step step = master.deployments().coordinatorReady(ready.incarnation(), ready.retainedNewestFirst());
        if (step instanceof Deployments.Ignore) {
            return this;
        }
        if (ready.error() != null) {
            return master.endJob(JobStatus.FAILED, ready.error());
        }
        return coordinatorReady(step);
    }

    private Behavior<MasterCommand> onRedeploy(Redeploy redeploy) {
        return perform(master.deployments().restartDue(redeploy.timer()));
    }

    private Behavior<MasterCommand> onRestoreFrom(RestoreFrom restore) {
        return perform(master.deployments().retained(restore.request(), restore.retainedNewestFirst()));
    }

    private Behavior<MasterCommand> onCoordinatorCrashed(CoordinatorCrashed crashed) {
        master.restartCoordinator(crashed);
        return restarting();
    }

    private Behavior<MasterCommand> onCheckpointFailureLimit(CheckpointFailureLimitExceeded exceeded) {
        return failOver(exceeded.message(), -1);
    }

    /** The completed-checkpoint store stopped: no checkpoint can be recorded any more, so no restart could help. */
    private Behavior<MasterCommand> onCheckpointStoreFailed(CheckpointStoreFailed failed) {
        return master.endJob(JobStatus.FAILED, failed.message());
    }

    private Behavior<MasterCommand> onCheckpointDamaged(CheckpointDamaged damaged) {
        master.faults().fired(damaged.faultIndex());
        return failOver(damaged.message(), damaged.faultIndex());
    }

    private Behavior<MasterCommand> onCheckpointCompletedNotice(CheckpointCompletedNotice notice) {
        master.planned().checkpointCompleted();
        return this;
    }

    private Behavior<MasterCommand> onSavepointCompleted(SavepointCompleted done) {
        master.savepointTaken(done);
        return done.stop() ? stop(done.checkpointId()) : this;
    }

    private Behavior<MasterCommand> onPlannedSavepoint(PlannedSavepoint planned) {
        master.triggerPlannedSavepoint();
        return this;
    }

    private Behavior<MasterCommand> onTriggerSavepointNow(TriggerSavepointNow trigger) {
        master.triggerSavepoint(trigger.stop());
        return this;
    }

    private Behavior<MasterCommand> onPlannedCancel(PlannedCancel planned) {
        master.recordPlannedCancel();
        return onCancel(new Cancel(null));
    }

    private Behavior<MasterCommand> onCancel(Cancel cancel) {
        master.cancelTasks();
        return master.endJob(JobStatus.CANCELED, cancel.reason());
    }

    private Behavior<MasterCommand> onTaskTerminated(TaskTerminated terminated) {
        master.tasks().terminated();
        return this;
    }
}
