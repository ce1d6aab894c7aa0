package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code snapsim} command, the {@code bin/flink} of this project. Exit codes: 0 the run met its
 * expectation (VALID), 1 it did not (INVALID), 2 bad input, a run that could not finish (UNKNOWN)
 * or an internal error ({@link InternalErrorReport}: one line on stderr, the stack trace in a file).
 * Nothing but an INVALID verdict exits with 1.
 */
@Command(name = "snapsim", mixinStandardHelpOptions = true, version = "snapsim 0.1.0",
        description = "Simulates Flink-style checkpointing on Pekko actors, injects faults, and checks recovery.",
        subcommands = {RunCommand.class, CheckCommand.class, ReportCommand.class, ExplainCommand.class,
                StepCommand.class, SweepCommand.class, ExportCommand.class, CheckpointsCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SnapsimCommand implements Runnable {
    /** Bad input: a malformed file, an unknown key, a bad value. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The process environment, read by subcommands (SNAPSIM_CONF_DIR); injected so tests can set it. */
    private final Map<String, String> environment;
    /** What relative paths such as {@code conf/} are resolved against. */
    private final Path workingDirectory;
    /** Whether the error stream is a terminal: progress is then redrawn in place, else printed a line at a time. */
    private final boolean errIsTerminal;
    /** What interactive commands ({@code step}) read. */
    private final CommandInput input;

    SnapsimCommand(Map<String, String> environment, Path workingDirectory, boolean errIsTerminal, CommandInput input) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.errIsTerminal = errIsTerminal;
        this.input = Objects.requireNonNull(input, "input");
    }

    CommandInput input() {
        return input;
    }

    boolean errIsTerminal() {
        return errIsTerminal;
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * The run folder {@code given} names, resolved against the working directory, for the commands
     * that read one (check, report, explain, export).
     *
     * @throws InvalidInputException when there is no such folder
     */
    Path runFolder(Path given) {
        Path dir = workingDirectory.resolve(given).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(given + ": no such run folder");
        }
        return dir;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        InternalErrorReport report = new InternalErrorReport(err, traceFolder());
        Thread.setDefaultUncaughtExceptionHandler(report.uncaughtExceptionHandler(System::exit));
        int code;
        try {
            // The empty path is the working directory, and keeps the paths shown to the user relative.
            code = execute(commandLine(System.getenv(), Path.of(""), new PrintWriter(System.out, true), err, report,
                    Terminals.stderrIsTerminal(), new CommandInput(System.in, Terminals.stdinIsTerminal())), args, report);
        } catch (Throwable failure) { // even reporting failed: still one line, still not 1
            System.err.println("snapsim: internal error: " + failure);
            code = InternalErrorReport.EXIT_CODE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code; never throws for bad input. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.getenv(), Path.of(""));
    }

    /**
     * As {@link #execute(String[], PrintWriter, PrintWriter)}, with the environment variables and
     * the working directory given rather than taken from the process.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err,
                              Map<String, String> environment, Path workingDirectory) {
        return execute(args, out, err, environment, workingDirectory, InputStream.nullInputStream());
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter, Map, Path)}, with {@code in} piped in as standard input. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err,
                              Map<String, String> environment, Path workingDirectory, InputStream in) {
        InternalErrorReport report = new InternalErrorReport(err, traceFolder());
        return execute(commandLine(environment, workingDirectory, out, err, report, false, CommandInput.piped(in)), args,
                report);
    }

    /**
     * Runs {@code cli}; whatever it throws, Errors that picocli lets through included, becomes an
     * internal error (exit code 2), so the exit code is 1 only when a run was INVALID.
     */
    static int execute(CommandLine cli, String[] args, InternalErrorReport report) {
        try {
            return cli.execute(args);
        } catch (Throwable failure) {
            return report.report(failure);
        }
    }

    /**
     * The command line with its handlers: bad input (an {@link InvalidInputException} anywhere in
     * the cause chain, or a usage error) is one line and exit code 2; any other exception of a
     * command is an internal error, reported by {@code report}. {@code errIsTerminal}: whether
     * {@code err} goes to a terminal (progress is then redrawn in place).
     */
    static CommandLine commandLine(Map<String, String> environment, Path workingDirectory, PrintWriter out,
                                   PrintWriter err, InternalErrorReport report, boolean errIsTerminal, CommandInput input) {
        CommandLine cli = new CommandLine(new SnapsimCommand(environment, workingDirectory, errIsTerminal, input));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidInputException) {
                err.println("snapsim: " + cause.getMessage());
                return EXIT_BAD_INPUT;
            }
            return report.report(e);
        });
        OptionErrors.install(cli, err);
        return cli;
    }

    /** Where stack traces of internal errors go: the system's temporary folder. */
    private static Path traceFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
