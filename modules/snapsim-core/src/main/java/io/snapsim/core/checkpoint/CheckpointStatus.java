package io.snapsim.core.checkpoint;

/** Where a checkpoint stands in the coordinator's history, as Flink's web UI shows it. Immutable. */
public enum CheckpointStatus {
    /** Triggered and neither completed nor aborted yet. */
    IN_PROGRESS,
    /** Every subtask acknowledged and the metadata was written. */
    COMPLETED,
    /** Aborted; the history row says why. */
    FAILED
}
