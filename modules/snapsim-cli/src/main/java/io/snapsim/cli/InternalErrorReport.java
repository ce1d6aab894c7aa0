package io.snapsim.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Reports a failure that is snapsim's own (neither bad input nor a verdict): exactly one line on
 * stderr, {@code snapsim: internal error: <what>; stack trace in <file>}, with the stack trace in a
 * file of its own under the trace folder rather than on the terminal, and exit code
 * {@value #EXIT_CODE}. Exit code 1 thus only ever means INVALID. Thread-safe: the handler for
 * uncaught exceptions reports from whichever thread failed.
 */
final class InternalErrorReport {
    /** The exit code of an internal error: the one of UNKNOWN, since nothing can be said about the run. */
    static final int EXIT_CODE = 2;
    /** Longest description printed; a timeout's message holds a diagnosis of every task. */
    private static final int MAX_DESCRIPTION = 500;

    private final PrintWriter err;
    private final Path traceFolder;

    /**
     * @param err         where the one line goes
     * @param traceFolder where stack-trace files go (the CLI uses the system's temporary folder)
     */
    InternalErrorReport(PrintWriter err, Path traceFolder) {
        this.err = err;
        this.traceFolder = traceFolder;
    }

    /** Reports a failure of the command itself; returns the exit code. */
    int report(Throwable failure) {
        return report("", failure);
    }

    /**
     * For threads without a handler of their own: reports the failure and, when it is an Error (the
     * JVM may be out of memory, the run can no longer be trusted), ends the process through
     * {@code exit} with exit code {@value #EXIT_CODE}. An exception only ends its thread; the run's
     * outcome decides the exit code.
     */
    Thread.UncaughtExceptionHandler uncaughtExceptionHandler(IntConsumer exit) {
        return (thread, failure) -> {
            int code = report(" in thread " + thread.getName(), failure);
            if (failure instanceof Error) {
                exit.accept(code);
            }
        };
    }

    private synchronized int report(String where, Throwable failure) {
        err.println("snapsim: internal error" + where + ": " + describe(failure) + "; " + writeTrace(failure));
        err.flush();
        return EXIT_CODE;
    }

    /** The failure on one line, with its root cause when that is another (a wrapped OutOfMemoryError). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = failure.toString();
        if (root != failure && !what.contains(root.toString())) {
            what += " (caused by " + root + ")";
        }
        what = what.replaceAll("\\s+", " ").strip();
        return what.length() <= MAX_DESCRIPTION ? what : what.substring(0, MAX_DESCRIPTION) + "...";
    }

    private String writeTrace(Throwable failure) {
        try {
            Path file = Files.createTempFile(traceFolder, "snapsim-internal-error-", ".txt");
            try (PrintWriter trace = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                failure.printStackTrace(trace);
            }
            return "stack trace in " + file.toAbsolutePath();
        } catch (Throwable cannotWrite) { // out of memory or disk: the one line still goes out
            return "no stack trace written (" + cannotWrite + ")";
        }
    }
}
