package io.snapsim.runtime.protocol;

/** Everything the checkpoint coordinator receives: from tasks, from the master, and its own messages. */
public sealed interface CoordinatorCommand permits TaskCoordination.Acknowledge, TaskCoordination.Decline,
        TaskCoordination.SourceExhausted, MasterCoordination.Deployed, MasterCoordination.Suspend,
        MasterCoordination.GetRetained, MasterCoordination.JobEnded, MasterCoordination.TriggerSavepoint,
        MasterCoordination.DescribeCoordinator, CoordinatorCommand.Internal {

    /** The coordinator's own messages: timers, replies of its store, completed metadata writes. */
    non-sealed interface Internal extends CoordinatorCommand {
    }
}
