package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.ConfigurationSources;
import io.snapsim.core.config.GlobalConfiguration;
import io.snapsim.core.config.StateOptions;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sim.JobCatalog;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim run FILE}: runs a simulation, prints a summary and the verdict; with
 * {@code --show-config}, prints the effective configuration instead and runs nothing.
 *
 * <p>Options are merged as {@link ConfigurationSources} orders them: job code over the simulation
 * file over {@code -D} over the global file ({@code conf/config.yaml} or
 * {@code $SNAPSIM_CONF_DIR/config.yaml}) over the defaults; {@code -s PATH} sets the restore path last.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a simulation file and judges it against a failure-free run.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the simulation file (YAML)")
    Path file;

    @Option(names = "--seed", description = "overrides the simulation's seed")
    Long seed;

    @Option(names = {"-s", "--fromSavepoint"}, paramLabel = "PATH",
            description = "resume from a retained checkpoint or savepoint: its _metadata file or directory")
    String restorePath;

    @Option(names = "-D", paramLabel = "key=value", description = "a configuration key (Flink names)")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = "--reports", paramLabel = "DIR", description = "where run folders go (default: reports)")
    Path reports = Path.of("reports");

    @Option(names = "--show-config",
            description = "print every option's effective value and where it comes from, then exit without running")
    boolean showConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        SimulationSpec spec = new SimulationParser(catalog()).parse(parent.workingDirectory().resolve(file));
        if (seed != null) {
            spec = withSeed(spec, seed);
        }
        Optional<Path> globalFile = GlobalConfiguration.locate(parent.environment(), parent.workingDirectory());
        ConfigurationSources sources = new ConfigurationSources(
                globalFile.map(GlobalConfiguration::read).orElseGet(Configuration::new),
                ConfigurationSources.commandLine(dynamicProperties),
                spec.config(),
                ConfigurationSources.jobCode(jobCodeSettings(spec)));
        Configuration config = sources.effective();
        if (restorePath != null) {
            config = config.set(StateOptions.RECOVERY_PATH.key(), restorePath, "run -s");
            ConfigurationSources.checkStoragePaths(config);
        }
        if (showConfig) {
            printConfig(out, globalFile, config);
            return 0;
        }
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + spec.seed();
        out.println("snapsim: " + spec.name() + " (" + file + "), seed " + spec.seed());
        SimulationResult result = new SimulationRunner(parent.workingDirectory().resolve(reports), out::println)
                .run(spec, config, runId);
        printSummary(out, result);
        return result.verdict().outcome().exitCode();
    }

    static JobCatalog catalog() {
        return new JobCatalog() {
            @Override
            public Set<String> jobNames() {
                return BuiltInJobs.jobNames();
            }

            @Override
            public Set<String> parameterNames(String job) {
                return BuiltInJobs.parameterNames(job);
            }
        };
    }

    /**
     * The options the job's code sets, read from its graph. Built on a fresh environment: the
     * parallelism the runner sets comes from the simulation file and is not job code.
     */
    private static Map<String, String> jobCodeSettings(SimulationSpec spec) {
        try {
            return BuiltInJobs.build(spec.job(), spec.parameters(), StreamExecutionEnvironment.getExecutionEnvironment(),
                    spec.seed(), FileSinks.discarding()).codeSettings();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": " + e.getMessage(), e);
        }
    }

    private void printConfig(PrintWriter out, Optional<Path> globalFile, Configuration config) {
        out.println("simulation:    " + file);
        out.println("global file:   " + globalFile.map(Path::toString).orElse("(none: no "
                + parent.workingDirectory().resolve(GlobalConfiguration.DEFAULT_CONF_DIR)
                        .resolve(GlobalConfiguration.CONFIG_FILE_NAME) + " or "
                + GlobalConfiguration.LEGACY_CONFIG_FILE_NAME + "; set " + GlobalConfiguration.CONF_DIR_VARIABLE
                + " to use another directory)"));
        out.println("precedence:    job code > simulation file > -D > global file > default");
        out.println();
        out.print(config.toFullDisplayTable());
        out.flush();
    }

    private static SimulationSpec withSeed(SimulationSpec s, long seed) {
        return new SimulationSpec(s.name(), s.description(), s.file(), s.job(), s.parameters(), s.parallelism(), seed,
                s.execution(), s.sink(), s.expect(), s.config(), s.faults());
    }

    static void printSummary(PrintWriter out, SimulationResult result) {
        JobResult run = result.run();
        out.println();
        if (run != null) {
            CheckpointCounts c = run.counts();
            out.printf("status:      %s after %d restart(s), %.2f s%n", run.status(), run.restarts(),
                    run.wallMillis() / 1000.0);
            if (c != null) {
                out.printf("checkpoints: %d completed, %d failed, %d triggered, %d restored%n",
                        c.completed(), c.failed(), c.triggered(), c.restored());
            } else {
                out.println("checkpoints: off");
            }
            out.printf("records:     %d in (sources), %d out (sinks), final attempt%n", run.recordsIn(), run.recordsOut());
            printCheckpointTable(out, run.checkpointHistory());
        }
        Verdict v = result.verdict();
        OutputComparison cmp = v.comparison();
        if (cmp != null) {
            out.printf("output:      %d committed records, reference %d: %d lost, %d duplicate, %d unexpected; final state %s%n",
                    cmp.actualRecords(), cmp.referenceRecords(), cmp.missing(), cmp.duplicates(), cmp.unexpected(),
                    cmp.stateEqual() ? "equal" : "different");
            for (String example : cmp.examples()) {
                out.println("             " + example);
            }
        }
        out.printf("verdict:     %s (expected %s): %s%n", v.outcome(), v.expectation(), v.reason());
        out.println("report:      " + result.runDir().resolve("summary.json"));
    }

    /** Flink's checkpoint history, one row per checkpoint; per-subtask figures are the maxima over subtasks. */
    static void printCheckpointTable(PrintWriter out, java.util.List<io.snapsim.core.checkpoint.CheckpointStats> history) {
        if (history.isEmpty()) {
            return;
        }
        out.printf("%n  %4s  %-11s %-8s %9s %10s %10s %11s %8s %8s  %s%n", "id", "status", "kind", "duration", "state",
                "acked", "alignment", "start", "sync", "async / failure");
        final int maxRows = 20;
        int from = Math.max(0, history.size() - maxRows);
        if (from > 0) {
            out.printf("  ... %d earlier checkpoints (all rows are in summary.json)%n", from);
        }
        for (var s : history.subList(from, history.size())) {
            long align = 0, start = 0, sync = 0, async = 0;
            for (var m : s.subtaskMetrics().values()) {
                align = Math.max(align, m.alignmentDurationMs());
                start = Math.max(start, m.startDelayMs());
                sync = Math.max(sync, m.syncDurationMs());
                async = Math.max(async, m.asyncDurationMs());
            }
            String tail = s.failureReason() == null ? async + " ms" : s.failureReason() + ": " + s.failureMessage();
            out.printf("  %4d  %-11s %-8s %7d ms %10s %5d/%-4d %8d ms %5d ms %5d ms  %s%n", s.checkpointId(), s.status(),
                    s.kind().name().toLowerCase(), s.endToEndDurationMs(), bytes(s.stateSize()), s.numAcknowledged(),
                    s.numTasks(), align, start, sync, tail);
        }
        out.println();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }

    static InvalidInputException badInput(String message) {
        return new InvalidInputException(message);
    }
}
