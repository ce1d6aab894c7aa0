package io.snapsim.runtime.protocol;

/** Everything a task receives: from other tasks, from the coordinator, from the master, and its own messages. */
public sealed interface TaskCommand permits DataPlane.DataBatch, DataPlane.Event, DataPlane.Credit,
        TaskCoordination.TriggerCheckpoint, TaskCoordination.NotifyComplete, TaskCoordination.NotifyAborted,
        TaskCoordination.FinishInput, TaskLifecycle.Wire, TaskLifecycle.Start, TaskLifecycle.StopGracefully,
        TaskLifecycle.DescribeTask, TaskCommand.Internal {

    /** A task's own messages: timers, completed asynchronous work. Only the task sends them to itself. */
    non-sealed interface Internal extends TaskCommand {
    }
}
