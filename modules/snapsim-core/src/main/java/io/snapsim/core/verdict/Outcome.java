package io.snapsim.core.verdict;

/**
 * The answer of a checker, as in Maelstrom and Jepsen, and the command's exit code. Exit code 1
 * means INVALID and nothing else.
 */
public enum Outcome {
    /** The run met its expectation. Exit code 0. */
    VALID(0),
    /** The run did not meet its expectation. Exit code 1. */
    INVALID(1),
    /** The run could not finish, so nothing can be said. Exit code 2 (shared with bad input). */
    UNKNOWN(2),
    /**
     * A planned fault that had to fire never did (it was placed after the job's end, at a record
     * the operator never reaches, ...): the run tested nothing about it, whatever its output.
     * Exit code 3.
     */
    NOT_FIRED(3),
    /**
     * Storage damage, asked for, hit every retained checkpoint: the job had nothing intact to
     * restore from and failed cleanly, as Flink's does, with what it had committed consistent with
     * the failure-free run. An expected outcome, counted apart from UNKNOWN. Exit code 0.
     */
    UNRECOVERABLE(0);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The outcome as summaries and sweeps spell it: {@code not-fired}. */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
