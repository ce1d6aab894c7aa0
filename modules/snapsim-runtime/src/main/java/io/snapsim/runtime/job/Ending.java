package io.snapsim.runtime.job;

import io.snapsim.runtime.job.MasterMessages.CoordinatorReported;
import io.snapsim.runtime.protocol.MasterCommand;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;

/**
 * The job's end is decided (finished, failed or cancelled) and the coordinator applies the
 * retention policy for it; its report ends this phase.
 */
final class Ending extends EndPhase {

    Ending(JobMaster master) {
        super(master);
    }

    @Override
    String name() {
        return "ending";
    }

    @Override
    protected void phaseMessages(ReceiveBuilder<MasterCommand> builder) {
        builder.onMessage(CoordinatorReported.class, this::onCoordinatorReported);
    }

    private Behavior<MasterCommand> onCoordinatorReported(CoordinatorReported reported) {
        return master.coordinatorReported(reported);
    }

    @Override
    protected Behavior<MasterCommand> taskActorTerminated() {
        return this;
    }
}
