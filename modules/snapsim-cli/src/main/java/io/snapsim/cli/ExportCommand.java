package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunInputs;
import io.snapsim.core.storage.AtomicFiles;
import io.snapsim.report.export.ChromeTrace;
import io.snapsim.report.export.ShivizLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim export RUN_DIR --format shiviz|chrome-trace [--output FILE]}: writes a run's
 * history in a format another tool draws: a ShiViz log with vector clocks ({@link ShivizLog}) or a
 * Trace Event Format file for Perfetto and chrome://tracing ({@link ChromeTrace}). Reads the run
 * folder only; by default writes into it ({@code trace.shiviz.log}, {@code trace.json}) and prints
 * the path. A folder that is not a run's, a history that cannot be read, or an unknown format is one
 * line and exit code 2.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a run's history for another tool: a ShiViz log with vector clocks, or a trace for"
                + " Perfetto and chrome://tracing.",
                "Reads the run folder only. Prints the path of the file it wrote."})
final class ExportCommand implements Callable<Integer> {
    /** The formats, as {@code --format} names them, and the file each writes into the run folder by default. */
    static final Map<String, String> FORMATS = Map.of("shiviz", "trace.shiviz.log", "chrome-trace", "trace.json");

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run's folder, reports/<simulation>/<run-id>")
    Path runDir;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "shiviz (a log for ShiViz) or chrome-trace (Trace Event Format JSON for Perfetto)")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "where to write (default: trace.shiviz.log or trace.json in the run folder)")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String defaultName = FORMATS.get(format);
        if (defaultName == null) {
            throw new InvalidInputException("--format: unknown format '" + format + "'; expected shiviz or chrome-trace");
        }
        Path dir = parent.runFolder(runDir);
        Path historyFile = dir.resolve(RunFolder.HISTORY);
        if (!Files.exists(historyFile)) {
            throw new InvalidInputException(runDir + ": not a run folder with a history (no " + RunFolder.HISTORY
                    + "; a run whose reference did not finish never started)");
        }
        List<HistoryEvent> history = HistoryReader.read(historyFile);
        Path target = output == null ? dir.resolve(defaultName) : parent.workingDirectory().resolve(output);
        byte[] bytes = format.equals("shiviz")
                ? shiviz(history, SimulationSetup.display(parent, historyFile))
                : chromeTrace(history, dir);
        write(target, bytes);
        out.println(SimulationSetup.display(parent, target));
        out.flush();
        return 0;
    }

    private static byte[] shiviz(List<HistoryEvent> history, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            ShivizLog.write(history, writer, source);
        }
        return bytes.toByteArray();
    }

    private static byte[] chromeTrace(List<HistoryEvent> history, Path dir) throws IOException {
        Map<String, Object> about = new LinkedHashMap<>();
        if (Files.exists(dir.resolve(RunFolder.INPUTS))) {
            RunInputs inputs = RunFolder.readInputs(dir);
            about.put("simulation", inputs.simulation());
            about.put("seed", inputs.seed());
            about.put("execution", inputs.execution());
            about.put("clock", "deterministic".equals(inputs.execution())
                    ? "virtual milliseconds of the deterministic executor, times 1000"
                    : "wall-clock milliseconds, times 1000");
        }
        about.put("source", "history.jsonl of snapsim");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChromeTrace.write(history, about, bytes);
        return bytes.toByteArray();
    }

    private void write(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, bytes, true);
        } catch (IOException e) {
            throw new InvalidInputException("--output: cannot write " + target + ": " + e, e);
        }
    }
}
