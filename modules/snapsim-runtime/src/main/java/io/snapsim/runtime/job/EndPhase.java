package io.snapsim.runtime.job;

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
 * What the two last phases share: the job's end is decided, so nothing is deployed, failed over,
 * cancelled or triggered any more. A completed savepoint is still recorded and completed
 * checkpoints still counted (the coordinator may finish what was under way); task actors are
 * counted as they terminate.
 *
 * <p>Confined to the actor.
 */
abstract class EndPhase extends MasterPhase {

    EndPhase(JobMaster master) {
        super(master);
    }

    /** Registers the messages this phase handles its own way. */
    protected void phaseMessages(ReceiveBuilder<MasterCommand> builder) {
    }

    /** A task actor terminated; the master has counted it. */
    protected abstract Behavior<MasterCommand> taskActorTerminated();

    @Override
    public final Receive<MasterCommand> createReceive() {
        ReceiveBuilder<MasterCommand> builder = newReceiveBuilder();
        phaseMessages(builder);
        builder.onMessage(TaskTerminated.class, this::onTaskTerminated)
                .onMessage(SavepointCompleted.class, this::onSavepointCompleted)
                .onMessage(CheckpointCompletedNotice.class, this::onCheckpointCompletedNotice);
        return dropping(everyPhase(builder), CoordinatorReady.class, Redeploy.class, RestoreFrom.class,
                TaskFailed.class, TaskFinished.class, TaskStopped.class, CheckpointFailureLimitExceeded.class, CheckpointStoreFailed.class,
                CheckpointDamaged.class, CoordinatorCrashed.class, PlannedSavepoint.class, TriggerSavepointNow.class,
                PlannedCancel.class, Cancel.class).build();
    }

    private Behavior<MasterCommand> onTaskTerminated(TaskTerminated terminated) {
        master.tasks().terminated();
        return taskActorTerminated();
    }

    private Behavior<MasterCommand> onSavepointCompleted(SavepointCompleted done) {
        master.savepointTaken(done);
        return this;
    }

    private Behavior<MasterCommand> onCheckpointCompletedNotice(CheckpointCompletedNotice notice) {
        master.planned().checkpointCompleted();
        return this;
    }
}
