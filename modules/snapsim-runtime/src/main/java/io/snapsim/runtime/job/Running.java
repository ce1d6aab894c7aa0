package io.snapsim.runtime.job;

import io.snapsim.core.job.JobStatus;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * An attempt runs and nothing is pending. A failure of one of its tasks (or too many failed
 * checkpoints, or a damaged one) fails the whole attempt over; the job finishes when every task
 * finished; a stop-with-savepoint stops it. Messages of earlier attempts are dropped.
 */
final class Running extends ActivePhase {

    Running(JobMaster master) {
        super(master);
    }

    @Override
    String name() {
        return "running";
    }

    @Override
    protected void phaseMessages(ReceiveBuilder<MasterCommand> builder) {
        builder.onMessage(TaskFailed.class, this::onTaskFailed)
                .onMessage(TaskFinished.class, this::onTaskFinished);
    }

    private Behavior<MasterCommand> onTaskFailed(TaskFailed failed) {
        if (!master.deployments().isRunning(failed.attempt())) {
            return this;
        }
        if (failed.faultIndex() >= 0) {
            master.faults().fired(failed.faultIndex());
        }
        return failOver(failed.message(), failed.faultIndex());
    }

    private Behavior<MasterCommand> onTaskFinished(TaskFinished finished) {
        if (!master.deployments().isRunning(finished.attempt())) {
            return this;
        }
        return master.taskFinished(finished) ? master.endJob(JobStatus.FINISHED, null) : this;
    }

    @Override
    protected Behavior<MasterCommand> failOver(String cause, int faultIndex) {
        return master.failOver(cause, faultIndex, this::restarting);
    }

    @Override
    protected Behavior<MasterCommand> stop(long savepointId) {
        master.stopGracefully(savepointId);
        return new Stopping(master, new StopWithSavepoint());
    }

    @Override
    protected Behavior<MasterCommand> restarting() {
        return new Restarting(master, null);
    }

    /** Cannot happen: {@link Deployments} deploys only while a redeployment is pending. */
    @Override
    protected Behavior<MasterCommand> deployed() {
        return this;
    }
}
