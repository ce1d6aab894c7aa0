package io.snapsim.runtime.job;

import io.snapsim.core.sim.Faults;
import io.snapsim.runtime.fault.FaultPlan;
import io.snapsim.runtime.job.MasterMessages.PlannedCancel;
import io.snapsim.runtime.job.MasterMessages.PlannedSavepoint;
import io.snapsim.runtime.protocol.MasterCommand;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * When the operator actions a fault plan holds come due: a cancel and a savepoint (or
 * stop-with-savepoint), each at a time of the job's clock or after a number of completed
 * checkpoints. A due action reaches the master as a {@link PlannedCancel} or {@link PlannedSavepoint}.
 *
 * <p>Not thread-safe: confined to the job master.
 */
final class PlannedActions {
    private final FaultPlan plan;
    private final TimerScheduler<MasterCommand> timers;
    private final ActorRef<MasterCommand> master;
    private long completedCheckpoints;

    PlannedActions(FaultPlan plan, TimerScheduler<MasterCommand> timers, ActorRef<MasterCommand> master) {
        this.plan = plan;
        this.timers = timers;
        this.master = master;
    }

    /** The job's clock starts for the planned actions: those at a time start their timers. */
    void startTimers() {
        Faults.Cancel cancel = plan.cancel();
        if (cancel != null && cancel.atTime() != null) {
            timers.startSingleTimer("planned-cancel", new PlannedCancel(), Duration.ofMillis(cancel.atTime()));
        }
        Faults.Savepoint savepoint = plan.savepoint();
        if (savepoint != null && savepoint.atTime() != null) {
            timers.startSingleTimer("planned-savepoint", new PlannedSavepoint(), Duration.ofMillis(savepoint.atTime()));
        }
    }

    /** A checkpoint completed: an action after that many completed checkpoints is due. */
    void checkpointCompleted() {
        completedCheckpoints++;
        Faults.Savepoint savepoint = plan.savepoint();
        if (savepoint != null && savepoint.afterCheckpoints() != null && completedCheckpoints == savepoint.afterCheckpoints()) {
            master.tell(new PlannedSavepoint());
        }
        Faults.Cancel cancel = plan.cancel();
        if (cancel != null && cancel.afterCheckpoints() != null && completedCheckpoints == cancel.afterCheckpoints()) {
            master.tell(new PlannedCancel());
        }
    }

    /** Checkpoints completed so far in the run. */
    long completedCheckpoints() {
        return completedCheckpoints;
    }
}
