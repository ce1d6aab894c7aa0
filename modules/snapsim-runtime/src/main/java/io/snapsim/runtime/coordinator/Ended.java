package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.coordinator.SelfMessages.Stored;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The job ended and the master has its report: the coordinator only cleans up after messages
 * still on their way (late acknowledgements, a completion the store confirms now) and answers
 * queries, until the master stops it with the job.
 */
final class Ended extends CoordinatorPhase {

    Ended(ActorContext<CoordinatorCommand> context, CoordinatorParts parts) {
        super(context, parts);
    }

    @Override
    String name() {
        return "ended";
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Acknowledge.class, this::onAcknowledge)
                .onMessage(Stored.class, this::onStoredAfterRunning)
                .onMessage(SourceExhausted.class, this::onSourceExhausted)
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onAnyMessage(this::ignore)
                .build();
    }
}
