package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.coordinator.SelfMessages.StoreStopped;
import io.snapsim.runtime.coordinator.SelfMessages.Stored;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * No attempt runs: before the first deployment, or while the job fails over. Nothing is pending
 * and nothing is triggered; the coordinator answers the master, cleans up after late
 * acknowledgements and completions of the attempt that stopped, and waits to be told of the next
 * deployment ({@link Running}).
 */
final class Suspended extends CoordinatorPhase {

    Suspended(ActorContext<CoordinatorCommand> context, CoordinatorParts parts) {
        super(context, parts);
    }

    @Override
    String name() {
        return "suspended";
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Deployed.class, this::onDeployed)
                .onMessage(Suspend.class, this::onSuspend)
                .onMessage(Acknowledge.class, this::onAcknowledge)
                .onMessage(Stored.class, this::onStoredAfterRunning)
                .onMessage(SourceExhausted.class, this::onSourceExhausted)
                .onMessage(StoreStopped.class, this::onStoreStopped)
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(JobEnded.class, this::onJobEnded)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onAnyMessage(this::ignore)
                .build();
    }
}
