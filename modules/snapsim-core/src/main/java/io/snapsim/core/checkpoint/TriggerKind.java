package io.snapsim.core.checkpoint;

/**
 * Why a checkpoint was triggered, which decides the trigger rules it obeys and what its completion
 * does. Immutable.
 */
public enum TriggerKind {
    /** A regular checkpoint from the interval timer: obeys min-pause and max-concurrent. */
    PERIODIC,
    /**
     * The last checkpoint after bounded input has ended, so that sinks can commit their final
     * output: obeys max-concurrent but ignores min-pause, since nothing would be gained by waiting.
     */
    FINAL,
    /**
     * A user-requested savepoint: ignores min-pause and max-concurrent. It is owned by the user, so
     * it never subsumes pending checkpoints, is never subsumed, never enters the retained list, and
     * its failure does not count towards the tolerable failures.
     */
    SAVEPOINT;

    /** True for the kinds the coordinator owns and retains (everything but a savepoint). */
    public boolean isCheckpoint() {
        return this != SAVEPOINT;
    }
}
