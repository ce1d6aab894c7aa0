package io.snapsim.runtime.job;

import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The journal is ready and the first coordinator starts: once it has read its store, the planned
 * actions that come at a time start their timers and attempt 0 is deployed. No task runs yet, so
 * no failure can fail anything over.
 */
final class StartingCoordinator extends ActivePhase {

    StartingCoordinator(JobMaster master) {
        super(master);
    }

    @Override
    String name() {
        return "starting the coordinator";
    }

    @Override
    protected Behavior<MasterCommand> coordinatorReady(Deployments.Step step) {
        master.planned().startTimers();
        return perform(step);
    }

    @Override
    protected Behavior<MasterCommand> deployed() {
        return new Running(master);
    }

    @Override
    protected Behavior<MasterCommand> restarting() {
        return this;
    }

    /** Cannot happen: a savepoint completes only once deployed tasks acknowledged it. There is nothing to stop. */
    @Override
    protected Behavior<MasterCommand> stop(long savepointId) {
        master.stopGracefully(savepointId);
        return this;
    }
}
