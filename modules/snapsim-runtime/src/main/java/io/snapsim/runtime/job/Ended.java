package io.snapsim.runtime.job;

import io.snapsim.runtime.job.MasterMessages.CoordinatorReported;
import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The job ended and the coordinator reported; every task actor was told to stop. The job's result
 * is completed once the last one terminated (its last words, such as its record counts, are then
 * in the history), and the master stops.
 */
final class Ended extends EndPhase {
    private final CoordinatorReported reported;

    Ended(JobMaster master, CoordinatorReported reported) {
        super(master);
        this.reported = reported;
    }

    @Override
    String name() {
        return "ended";
    }

    @Override
    protected Behavior<MasterCommand> taskActorTerminated() {
        return master.tasks().anyAlive() ? this : master.complete(reported);
    }
}
