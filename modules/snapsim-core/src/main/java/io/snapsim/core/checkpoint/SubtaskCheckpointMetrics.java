package io.snapsim.core.checkpoint;

/**
 * What one subtask reports about its part of a checkpoint, as Flink shows it per subtask.
 * Invariant: every value is {@code >= 0}. Immutable; safe to share between threads.
 *
 * @param alignmentDurationMs time from the first to the last barrier of this checkpoint at the subtask
 * @param startDelayMs        time from the trigger to the first barrier arriving at the subtask
 * @param syncDurationMs      synchronous part of the snapshot (the subtask is blocked meanwhile)
 * @param asyncDurationMs     asynchronous part of the snapshot (uploading the state)
 * @param stateSize           bytes checkpointed by this subtask (the delta when incremental)
 */
public record SubtaskCheckpointMetrics(
        long alignmentDurationMs, long startDelayMs, long syncDurationMs, long asyncDurationMs, long stateSize) {

    /** All zero: for tests and stateless subtasks. */
    public static final SubtaskCheckpointMetrics NONE = new SubtaskCheckpointMetrics(0, 0, 0, 0, 0);

    public SubtaskCheckpointMetrics {
        requireNonNegative("alignmentDurationMs", alignmentDurationMs);
        requireNonNegative("startDelayMs", startDelayMs);
        requireNonNegative("syncDurationMs", syncDurationMs);
        requireNonNegative("asyncDurationMs", asyncDurationMs);
        requireNonNegative("stateSize", stateSize);
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
