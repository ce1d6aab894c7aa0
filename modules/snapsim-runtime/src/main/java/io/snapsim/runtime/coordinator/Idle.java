package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import io.snapsim.runtime.protocol.MasterCoordination.RetainedCheckpoints;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A coordinator that never checkpoints: checkpointing is off, or its store could not be read (then
 * the master was told so and ends the job). It answers the master's questions with nothing
 * retained and no figures, so that the job's end never waits for it, and drops everything else.
 * Confined to the coordinator actor.
 */
final class Idle extends AbstractBehavior<CoordinatorCommand> {
    private final String why;

    /** @param why what the coordinator says about itself when asked, e.g. "checkpointing off" */
    Idle(ActorContext<CoordinatorCommand> context, String why) {
        super(context);
        this.why = why;
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(JobEnded.class, this::onJobEnded)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onAnyMessage(this::ignore)
                .build();
    }

    private Behavior<CoordinatorCommand> onGetRetained(GetRetained get) {
        get.replyTo().tell(new RetainedCheckpoints(List.of()));
        return this;
    }

    private Behavior<CoordinatorCommand> onJobEnded(JobEnded end) {
        end.replyTo().tell(new Report(null, List.of(), null));
        return this;
    }

    private Behavior<CoordinatorCommand> onDescribe(DescribeCoordinator describe) {
        describe.replyTo().tell("coordinator: " + why);
        return this;
    }

    private Behavior<CoordinatorCommand> ignore(CoordinatorCommand message) {
        return this;
    }
}
