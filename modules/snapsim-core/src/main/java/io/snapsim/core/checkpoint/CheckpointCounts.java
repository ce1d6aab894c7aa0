package io.snapsim.core.checkpoint;

/**
 * Checkpoint counters of the current coordinator, as Flink reports them; savepoints included.
 * Checkpoints recovered from the store at start are not counted: they were triggered by an
 * earlier run. Invariant: {@code triggered == completed + failed + inProgress}, all {@code >= 0}.
 * Immutable.
 *
 * @param triggered  checkpoints started
 * @param inProgress checkpoints pending now
 * @param completed  checkpoints completed
 * @param failed     checkpoints aborted, for any reason (subsumed ones too)
 * @param restored   times the job was restored from a checkpoint or savepoint
 */
public record CheckpointCounts(long triggered, long inProgress, long completed, long failed, long restored) {
    public CheckpointCounts {
        if (triggered < 0 || inProgress < 0 || completed < 0 || failed < 0 || restored < 0) {
            throw new IllegalArgumentException("counts must be >= 0: " + triggered + ", " + inProgress + ", "
                    + completed + ", " + failed + ", " + restored);
        }
        if (triggered != completed + failed + inProgress) {
            throw new IllegalArgumentException("triggered (" + triggered + ") must equal completed (" + completed
                    + ") + failed (" + failed + ") + in progress (" + inProgress + ")");
        }
    }
}
