package io.snapsim.core.api;

/**
 * What happens to completed checkpoints when the job ends, as Flink's
 * {@code execution.checkpointing.externalized-checkpoint-retention}.
 *
 * <table>
 * <tr><th>setting</th><th>cancelled</th><th>failed</th><th>finished</th></tr>
 * <tr><td>NO_EXTERNALIZED_CHECKPOINTS</td><td>deleted</td><td>deleted</td><td>deleted</td></tr>
 * <tr><td>DELETE_ON_CANCELLATION</td><td>deleted</td><td>kept</td><td>deleted</td></tr>
 * <tr><td>RETAIN_ON_CANCELLATION</td><td>kept</td><td>kept</td><td>deleted</td></tr>
 * </table>
 */
public enum ExternalizedCheckpointCleanup {
    NO_EXTERNALIZED_CHECKPOINTS(false, false),
    DELETE_ON_CANCELLATION(true, false),
    RETAIN_ON_CANCELLATION(true, true);

    private final boolean keepOnFailure;
    private final boolean keepOnCancellation;

    ExternalizedCheckpointCleanup(boolean keepOnFailure, boolean keepOnCancellation) {
        this.keepOnFailure = keepOnFailure;
        this.keepOnCancellation = keepOnCancellation;
    }

    /** Whether completed checkpoints stay on disk when the job ends in the given way. */
    public boolean keepsCheckpointsWhen(JobEnd end) {
        return switch (end) {
            case CANCELED -> keepOnCancellation;
            case FAILED -> keepOnFailure;
            case FINISHED -> false;
        };
    }

    /** How a job ended, for the retention decision. */
    public enum JobEnd {
        CANCELED,
        FAILED,
        FINISHED
    }
}
