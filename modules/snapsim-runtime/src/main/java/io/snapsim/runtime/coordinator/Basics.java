package io.snapsim.runtime.coordinator;

import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.TaskCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * What every part of the coordinator works with: the pure core that makes the decisions, the tasks
 * of the running attempt, the history, the actor's timers and reference, and the job master.
 * Confined to the coordinator actor, like everything it holds.
 */
record Basics(CheckpointCoordinatorCore core, TaskRoster<ActorRef<TaskCommand>> roster, CoordinatorHistory history,
              TimerScheduler<CoordinatorCommand> timers, ActorRef<CoordinatorCommand> self,
              ActorRef<MasterCommand> master) {
}
