package io.snapsim.core.checkpoint;

/**
 * Why a pending checkpoint was aborted. Only failures that say something about the health of
 * checkpointing itself count towards {@code execution.checkpointing.tolerable-failed-checkpoints};
 * aborts caused by the job's life cycle or by a newer checkpoint do not. Immutable.
 */
public enum CheckpointFailureReason {
    /** It was still pending when its timeout ran out (typically under backpressure). Counted. */
    EXPIRED(true),
    /** A subtask declined it, for example because its snapshot failed. Counted. */
    DECLINED(true),
    /** The job is failing over; the pending checkpoint cannot finish. Not counted. */
    TASK_FAILURE(false),
    /** Writing the checkpoint's metadata or state to storage failed. Counted. */
    IO_FAILURE(true),
    /** A newer checkpoint completed first, which makes this one useless. Not counted. */
    SUBSUMED(false),
    /** The job was cancelled. Not counted. */
    JOB_CANCELLED(false),
    /** The job or the tasks it waited for finished. Not counted. */
    FINISHED(false);

    private final boolean counted;

    CheckpointFailureReason(boolean counted) {
        this.counted = counted;
    }

    /** Whether an abort for this reason adds one to the consecutive failure count. */
    public boolean countsTowardsTolerableFailures() {
        return counted;
    }
}
