package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Failures that are snapsim's own, not the user's input and not a verdict: exit code 2 (never 1,
 * which means INVALID), one line on stderr naming what failed and where its stack trace was
 * written, and the stack trace in that file rather than on the terminal.
 */
class InternalErrorsTest {
    private static final Pattern TRACE_FILE = Pattern.compile("; stack trace in (\\S+)$");

    @TempDir
    Path temp;

    /** A subcommand that fails as snapsim's own code can fail. */
    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        private final Throwable failure;

        Explode(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (Exception) failure;
        }
    }

    private Cli.Result explode(Throwable failure) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            InternalErrorReport report = new InternalErrorReport(e, temp);
            CommandLine cli = SnapsimCommand.commandLine(Map.of(), temp, o, e, report, false,
                    CommandInput.piped(java.io.InputStream.nullInputStream()));
            cli.addSubcommand("explode", new Explode(failure));
            code = SnapsimCommand.execute(cli, new String[] {"explode"}, report);
        }
        return new Cli.Result(code, out.toString(), err.toString());
    }

    private static Path traceFile(Cli.Result result) {
        Matcher m = TRACE_FILE.matcher(result.err().strip());
        assertThat(m.find()).as("a trace file named in: %s", result.err()).isTrue();
        return Path.of(m.group(1));
    }

    /** Exit code 2 and one line on stderr, starting "snapsim: internal error: ", holding every fragment. */
    private static void assertOneLineInternalError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as("exit code; err: %s", result.err()).isEqualTo(2);
        assertThat(result.errLines()).as("lines on stderr").hasSize(1);
        assertThat(result.err()).startsWith("snapsim: internal error: ").doesNotContain("\tat ");
        assertThat(result.out()).doesNotContain("\tat ");
        for (String fragment : fragments) {
            assertThat(result.err()).contains(fragment);
        }
    }

    @Nested
    class InACommand {

        @Test
        void aRuntimeExceptionExitsTwoWithOneLineAndItsStackTraceInAFile() throws Exception {
            Cli.Result result = explode(new IllegalStateException("the coordinator lost track"));

            assertOneLineInternalError(result, "java.lang.IllegalStateException: the coordinator lost track");
            assertThat(Files.readString(traceFile(result))).contains("the coordinator lost track")
                    .contains("\tat io.snapsim.cli.InternalErrorsTest");
        }

        @Test
        void anOutOfMemoryErrorExitsTwoWithOneLine() throws Exception {
            Cli.Result result = explode(new OutOfMemoryError("Java heap space"));

            assertOneLineInternalError(result, "java.lang.OutOfMemoryError: Java heap space");
            assertThat(Files.readString(traceFile(result))).contains("OutOfMemoryError");
        }

        @Test
        void aWrappedErrorNamesItsCauseOnTheSameLine() {
            Cli.Result result = explode(new IllegalStateException("job failed unexpectedly",
                    new OutOfMemoryError("Java heap space")));

            assertOneLineInternalError(result, "job failed unexpectedly",
                    "caused by java.lang.OutOfMemoryError: Java heap space");
        }

        @Test
        void aMessageOfSeveralLinesIsPrintedOnOne() {
            Cli.Result result = explode(new TimeoutException("job did not end within 600 s; state:\nsource#0: started\nsum#1: blocked"));

            assertOneLineInternalError(result, "job did not end within 600 s; state: source#0: started sum#1: blocked");
        }

        @Test
        void badInputWrappedInAnotherExceptionIsStillBadInputWithoutATrace() throws Exception {
            Cli.Result result = explode(new UncheckedIOException("reading", new IOException(
                    new InvalidInputException("run.yaml: parallelism: expected a number"))));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("snapsim: run.yaml: parallelism: expected a number");
            try (var files = Files.list(temp)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("snapsim-internal-error"))).isEmpty();
            }
        }
    }

    @Nested
    class OnAnotherThread {

        @Test
        void anErrorEndsTheProcessWithExitCodeTwoAndOneLine() throws Exception {
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            InternalErrorReport report = new InternalErrorReport(new PrintWriter(err, true), temp);
            Thread thread = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "snapsim-io-1");
            thread.setUncaughtExceptionHandler(report.uncaughtExceptionHandler(exit::set));
            thread.start();
            thread.join();

            assertThat(exit.get()).isEqualTo(2);
            assertThat(err.toString().lines().toList()).singleElement().asString()
                    .startsWith("snapsim: internal error in thread snapsim-io-1: java.lang.OutOfMemoryError: Java heap space");
        }

        @Test
        void anExceptionIsReportedOnOneLineAndLeavesTheExitCodeToTheRun() throws Exception {
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            InternalErrorReport report = new InternalErrorReport(new PrintWriter(err, true), temp);
            Thread thread = new Thread(() -> {
                throw new IllegalArgumentException("late callback");
            }, "worker");
            thread.setUncaughtExceptionHandler(report.uncaughtExceptionHandler(exit::set));
            thread.start();
            thread.join();

            assertThat(exit.get()).isEqualTo(-1);
            assertThat(err.toString().lines().toList()).singleElement().asString()
                    .startsWith("snapsim: internal error in thread worker: java.lang.IllegalArgumentException: late callback");
        }
    }

    @Test
    void whenTheTraceCannotBeWrittenTheLineSaysSo() {
        StringWriter err = new StringWriter();
        InternalErrorReport report = new InternalErrorReport(new PrintWriter(err, true), temp.resolve("missing"));

        int code = report.report(new IllegalStateException("boom"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains("java.lang.IllegalStateException: boom").contains("no stack trace written");
    }

    @Test
    void usageErrorsKeepTheirOwnExitCodeAndMessage() {
        Cli.Result result = Cli.in(temp).run("run", "--no-such-option", "x.yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("snapsim: unknown option '--no-such-option'");
    }
}
