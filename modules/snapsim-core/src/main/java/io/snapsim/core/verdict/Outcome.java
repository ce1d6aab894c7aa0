package io.snapsim.core.verdict;

/** The answer of a checker, as in Maelstrom/Jepsen: and the command's exit code. */
public enum Outcome {
    /** The run met its expectation. Exit code 0. */
    VALID(0),
    /** The run did not meet its expectation. Exit code 1. */
    INVALID(1),
    /** The run could not finish, so nothing can be said. Exit code 2. */
    UNKNOWN(2);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
