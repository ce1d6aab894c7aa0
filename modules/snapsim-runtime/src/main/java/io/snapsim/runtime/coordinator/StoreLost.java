package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The store stopped and the master was told: no checkpoint is triggered, completed or announced
 * any more (none could be recorded), and the coordinator waits for the job's end to apply the
 * retention policy and report, as in any other phase. A completion the store confirmed just before
 * it stopped is not announced either: the job fails, and its checkpoint stays on disk as the
 * retention policy says.
 */
final class StoreLost extends CoordinatorPhase {

    StoreLost(ActorContext<CoordinatorCommand> context, CoordinatorParts parts) {
        super(context, parts);
    }

    @Override
    String name() {
        return "store lost";
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Acknowledge.class, this::onAcknowledge)
                .onMessage(SourceExhausted.class, this::onSourceExhausted)
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(JobEnded.class, this::onJobEnded)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onAnyMessage(this::ignore)
                .build();
    }
}
