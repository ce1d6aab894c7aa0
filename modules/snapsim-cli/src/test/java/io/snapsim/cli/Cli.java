package io.snapsim.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@code snapsim} in-process with a chosen environment and working directory, capturing both streams. */
final class Cli {

    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Map<String, String> environment;
    private final Path workingDirectory;

    private Cli(Map<String, String> environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    static Cli in(Path workingDirectory) {
        return new Cli(Map.of(), workingDirectory);
    }

    Cli withEnvironment(Map<String, String> variables) {
        return new Cli(Map.copyOf(variables), workingDirectory);
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} piped in as standard input (not a terminal). */
    Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = SnapsimCommand.execute(args, o, e, environment, workingDirectory,
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }
        return new Result(code, out.toString(), err.toString());
    }
}
