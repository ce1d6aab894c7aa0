package io.snapsim.core.api;

/** The consistency guarantee of checkpoints, as Flink's {@code execution.checkpointing.mode}. */
public enum CheckpointingMode {
    /** Barriers are aligned: a channel that delivered barrier n is blocked until all have. */
    EXACTLY_ONCE,
    /** Barriers are only tracked: records overtaking a barrier are replayed after a failure. */
    AT_LEAST_ONCE
}
