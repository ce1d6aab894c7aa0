package io.snapsim.runtime.protocol;

/** Everything the job master receives: from tasks, from the coordinator, from the job's owner, and its own messages. */
public sealed interface MasterCommand permits TaskLifecycle.TaskFailed, TaskLifecycle.TaskFinished,
        TaskLifecycle.TaskStopped, MasterCoordination.CoordinatorReady, MasterCoordination.CheckpointFailureLimitExceeded,
        MasterCoordination.CoordinatorCrashed, MasterCoordination.CheckpointCompletedNotice,
        MasterCoordination.SavepointCompleted, MasterCoordination.CheckpointDamaged,
        MasterCoordination.CheckpointStoreFailed, JobControl.Cancel,
        JobControl.TriggerSavepointNow, JobControl.Diagnose, MasterCommand.Internal {

    /** The master's own messages: timers, adapted replies, the journal's readiness. */
    non-sealed interface Internal extends MasterCommand {
    }
}
