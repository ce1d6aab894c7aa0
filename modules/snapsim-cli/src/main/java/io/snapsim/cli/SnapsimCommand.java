package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code snapsim} command, the {@code bin/flink} of this project. Exit codes: 0 the run met its
 * expectation (VALID), 1 it did not (INVALID), 2 bad input or a run that could not finish (UNKNOWN).
 */
@Command(name = "snapsim", mixinStandardHelpOptions = true, version = "snapsim 0.1.0",
        description = "Simulates Flink-style checkpointing on Pekko actors, injects faults, and checks recovery.",
        subcommands = {RunCommand.class, SweepCommand.class, CheckpointsCommand.class, BenchCommand.class,
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

    SnapsimCommand(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; never throws for bad input. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // The empty path is the working directory, and keeps the paths shown to the user relative.
        return execute(args, out, err, System.getenv(), Path.of(""));
    }

    /**
     * As {@link #execute(String[], PrintWriter, PrintWriter)}, with the environment variables and
     * the working directory given rather than taken from the process.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err,
                              Map<String, String> environment, Path workingDirectory) {
        CommandLine cli = new CommandLine(new SnapsimCommand(environment, workingDirectory));
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
            throw e;
        });
        OptionErrors.install(cli, err);
        return cli.execute(args);
    }
}
