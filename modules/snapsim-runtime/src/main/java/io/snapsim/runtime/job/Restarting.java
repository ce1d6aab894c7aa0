package io.snapsim.runtime.job;

import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The running attempt was stopped (a failover or a coordinator crash) and its successor waits to
 * be deployed: for the restart delay, for a ready coordinator and for the checkpoints it retains,
 * as {@link Deployments} tracks. Messages of the stopped attempt are dropped, and so are failures
 * that would fail it over again. If a stop-with-savepoint was under way, it carries over to the
 * next attempt.
 */
final class Restarting extends ActivePhase {
    /** The stop-with-savepoint under way, or null. */
    private final StopWithSavepoint stop;

    Restarting(JobMaster master, StopWithSavepoint stop) {
        super(master);
        this.stop = stop;
    }

    @Override
    String name() {
        return "restarting";
    }

    @Override
    protected Behavior<MasterCommand> deployed() {
        return stop == null ? new Running(master) : new Stopping(master, stop);
    }

    @Override
    protected Behavior<MasterCommand> restarting() {
        return this;
    }

    /** No task runs to be asked; the next attempt is stopping once deployed. */
    @Override
    protected Behavior<MasterCommand> stop(long savepointId) {
        master.stopGracefully(savepointId);
        return new Restarting(master, new StopWithSavepoint());
    }
}
