package io.snapsim.runtime.job;

import io.snapsim.core.job.JobStatus;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * A stop-with-savepoint's savepoint completed and the running attempt's tasks were asked to stop:
 * the job ends as cancelled once every task stopped (a task that finished meanwhile counts as
 * stopped). A task failure no longer fails the job over; too many failed checkpoints, a damaged
 * checkpoint or a coordinator crash still do, and the stop then carries over to the next attempt
 * (see {@link StopWithSavepoint}).
 */
final class Stopping extends ActivePhase {
    private final StopWithSavepoint stop;

    Stopping(JobMaster master, StopWithSavepoint stop) {
        super(master);
        this.stop = stop;
    }

    @Override
    String name() {
        return "stopping";
    }

    @Override
    protected void phaseMessages(ReceiveBuilder<MasterCommand> builder) {
        builder.onMessage(TaskStopped.class, this::onTaskStopped)
                .onMessage(TaskFinished.class, this::onTaskFinished);
    }

    private Behavior<MasterCommand> onTaskStopped(TaskStopped stopped) {
        if (!master.deployments().isRunning(stopped.attempt())) {
            return this;
        }
        if (stop.taskStopped(stopped.task(), master.tasks().runningCount())) {
            master.tasks().forget();
            return master.endJob(JobStatus.CANCELED, null);
        }
        return this;
    }

    private Behavior<MasterCommand> onTaskFinished(TaskFinished finished) {
        return onTaskStopped(new TaskStopped(finished.attempt(), finished.task()));
    }

    @Override
    protected Behavior<MasterCommand> failOver(String cause, int faultIndex) {
        return master.failOver(cause, faultIndex, this::restarting);
    }

    /** Another stop-with-savepoint completed: the tasks are asked again, and counted afresh. */
    @Override
    protected Behavior<MasterCommand> stop(long savepointId) {
        master.stopGracefully(savepointId);
        return new Stopping(master, new StopWithSavepoint());
    }

    @Override
    protected Behavior<MasterCommand> restarting() {
        return new Restarting(master, stop);
    }

    /** Cannot happen: {@link Deployments} deploys only while a redeployment is pending. */
    @Override
    protected Behavior<MasterCommand> deployed() {
        return this;
    }
}
