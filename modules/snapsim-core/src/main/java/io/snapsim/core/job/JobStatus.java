package io.snapsim.core.job;

/** How a job ended. */
public enum JobStatus {
    FINISHED,
    FAILED,
    CANCELED
}
