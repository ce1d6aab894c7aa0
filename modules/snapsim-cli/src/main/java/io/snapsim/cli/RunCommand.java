package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.ConfigurationSources;
import io.snapsim.core.config.GlobalConfiguration;
import io.snapsim.core.config.StateOptions;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.JobCatalog;
import io.snapsim.core.sim.Shrinker;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.report.RunReport;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim run FILE}: runs a simulation, prints a summary and the verdict; with
 * {@code --show-config}, prints the effective configuration instead and runs nothing.
 *
 * <p>The fault plan is the simulation's, with every {@code random} item replaced by faults drawn
 * from the seed ({@link SimulationSetup#plan}), so {@code run --seed S} replays seed S of a sweep.
 * The plan is written to the run's folder as {@code plan.yaml}. With {@code --shrink}, a run that is
 * not VALID is followed by re-runs that shrink its plan ({@link Shrinker}).
 *
 * <p>Options are merged as {@link ConfigurationSources} orders them: job code over the simulation
 * file over {@code -D} over the global file ({@code conf/config.yaml} or
 * {@code $SNAPSIM_CONF_DIR/config.yaml}) over the defaults; {@code -s PATH} sets the restore path last.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a simulation file and judges it against a failure-free run.")
final class RunCommand implements Callable<Integer> {
    /** The plan each run folder records, in the form {@code --faults-from} reads. */
    static final String PLAN_FILE = RunFolder.PLAN;
    /** The smallest failing plan {@code --shrink} found, in the run's folder. */
    static final String SHRUNK_PLAN_FILE = RunFolder.SHRUNK_PLAN;

    @Parameters(index = "0", paramLabel = "FILE", description = "the simulation file (YAML)")
    Path file;

    @Option(names = "--seed", description = "overrides the simulation's seed")
    Long seed;

    @Option(names = {"-s", "--fromSavepoint"}, paramLabel = "PATH",
            description = "resume from a retained checkpoint or savepoint: its _metadata file or directory")
    String restorePath;

    @Option(names = "-D", paramLabel = "key=value", description = "a configuration key (Flink names)")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = {"-p", "--parallelism"}, paramLabel = "N",
            description = "runs the job at this parallelism (resuming a savepoint at another parallelism rescales it)")
    Integer parallelism;

    @Option(names = {"-n", "--allowNonRestoredState", "--allow-non-restored-state"},
            description = "with -s: skip snapshot state of operators the job no longer has")
    boolean allowNonRestoredState;

    @Option(names = "--reports", paramLabel = "DIR", description = "where run folders go (default: reports)")
    Path reports = Path.of("reports");

    @Option(names = "--show-config",
            description = "print every option's effective value and where it comes from, then exit without running")
    boolean showConfig;

    @Option(names = "--faults", paramLabel = "K",
            description = "draw K faults from the seed: for each 'random' item of the simulation, or in place of an empty"
                    + " fault list (as 'snapsim sweep' does)")
    Integer randomFaults;

    @Option(names = "--faults-from", paramLabel = "PLAN",
            description = "inject the faults of a plan file ('faults:' and a list, as --shrink writes) instead of the"
                    + " simulation's")
    Path faultsFrom;

    @Option(names = "--shrink",
            description = "when the run is INVALID or UNKNOWN, re-run it with ever fewer and earlier faults and print the"
                    + " smallest plan that still fails that way")
    boolean shrink;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        SimulationParser parser = new SimulationParser(catalog());
        SimulationSpec spec = parser.parse(parent.workingDirectory().resolve(file));
        if (parallelism != null) {
            if (parallelism < 1) {
                throw new io.snapsim.core.InvalidInputException("-p: the parallelism must be at least 1, was " + parallelism);
            }
            spec = spec.withParallelism(parallelism);
        }
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        if (faultsFrom != null) {
            spec = spec.withFaults(parser.parseFaults(parent.workingDirectory().resolve(faultsFrom), spec));
        }
        Optional<Path> globalFile = SimulationSetup.globalFile(parent);
        Configuration config = SimulationSetup.effectiveConfig(spec, globalFile, dynamicProperties);
        if (restorePath != null) {
            config = config.set(StateOptions.RECOVERY_PATH.key(), restorePath, "run -s");
            ConfigurationSources.checkStoragePaths(config);
        }
        if (allowNonRestoredState) {
            config = config.set(StateOptions.IGNORE_UNCLAIMED_STATE.key(), "true", "run --allowNonRestoredState");
        }
        if (showConfig) {
            printConfig(out, globalFile, config);
            return 0;
        }
        boolean drawn = SimulationSetup.drawsFromSeed(spec, randomFaults);
        spec = spec.withFaults(SimulationSetup.plan(spec, config, randomFaults));
        UsableFolders.check(config, parent.workingDirectory().resolve(reports));
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + spec.seed();
        out.println("snapsim: " + spec.name() + " (" + file + "), seed " + spec.seed());
        if (drawn) {
            out.print("faults drawn from seed " + spec.seed() + ":\n" + indented(FaultPlans.toYaml(spec.faults())));
        }
        Path reportsRoot = parent.workingDirectory().resolve(reports);
        SimulationResult result = new SimulationRunner(reportsRoot, out::println).run(spec, config, runId);
        writePlan(result.runDir().resolve(PLAN_FILE), spec.faults());
        SummaryPrinter.print(out, result, this::resumeCommand);
        Outcome outcome = result.verdict().outcome();
        if (shrink) {
            if (outcome == Outcome.VALID) {
                out.println("shrink:      nothing to shrink, the run is VALID");
            } else {
                shrinkPlan(out, spec, config, reportsRoot, runId, outcome, result.runDir());
            }
        }
        return outcome.exitCode();
    }

    /**
     * Shrinks the failing run's plan by re-running the simulation (same seed, same configuration)
     * with smaller plans, each in {@code <run>/shrink-NNN/}; a re-run still fails when its outcome
     * is the original one.
     */
    private void shrinkPlan(PrintWriter out, SimulationSpec spec, Configuration config, Path reportsRoot, String runId,
                            Outcome failing, Path runDir) {
        out.println();
        out.println("shrink:      re-running seed " + spec.seed() + " with smaller plans until no fault can go"
                + " (a re-run fails when it is " + failing + ")");
        if (spec.execution() == ExecutionMode.LIVE) {
            out.println("             note: this simulation runs live, so re-runs may differ by timing alone;"
                    + " deterministic execution shrinks reliably");
        }
        ShrinkReruns stillFails = new ShrinkReruns(new SimulationRunner(reportsRoot, line -> { }), spec, config, runId,
                failing, out);
        List<FaultSpec> smallest = Shrinker.shrink(spec.faults(), stillFails);
        Path planFile = runDir.resolve(SHRUNK_PLAN_FILE);
        writePlan(planFile, smallest);
        RunReport.render(runDir); // the report shows the shrunk plan
        List<String> options = new ArrayList<>(List.of("--seed", String.valueOf(spec.seed()),
                "--faults-from", SimulationSetup.display(parent, planFile)));
        options.addAll(SimulationSetup.dynamicPropertyOptions(dynamicProperties));
        out.println();
        out.println("smallest plan that is still " + failing + " (" + smallest.size() + " of " + spec.faults().size()
                + " fault(s), " + stillFails.attempts + " re-run(s)" + (smallest.isEmpty()
                        ? "; the run is " + failing + " without any fault):"
                        : "; without any one of its faults the run is not " + failing + "):"));
        out.print(indented(FaultPlans.toYaml(smallest)));
        out.println("plan:        " + SimulationSetup.display(parent, planFile));
        out.println("replay:      " + SimulationSetup.replayCommand(file, options));
    }

    /** The shrinker's predicate: re-runs the simulation with a plan, each in its own folder, and reports it. */
    private static final class ShrinkReruns implements Predicate<List<FaultSpec>> {
        private final SimulationRunner runner;
        private final SimulationSpec spec;
        private final Configuration config;
        private final String runId;
        private final Outcome failing;
        private final PrintWriter out;
        private int attempts;

        ShrinkReruns(SimulationRunner runner, SimulationSpec spec, Configuration config, String runId, Outcome failing,
                     PrintWriter out) {
            this.runner = runner;
            this.spec = spec;
            this.config = config;
            this.runId = runId;
            this.failing = failing;
            this.out = out;
        }

        @Override
        public boolean test(List<FaultSpec> plan) {
            attempts++;
            SimulationResult rerun;
            try {
                rerun = runner.run(spec.withFaults(plan), config, runId + "/shrink-" + String.format("%03d", attempts));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while shrinking");
            }
            Outcome outcome = rerun.verdict().outcome();
            out.printf("  %3d  %2d fault(s)  %-7s  %s%n", attempts, plan.size(), outcome,
                    outcome == failing ? "still fails" : "passes");
            out.flush();
            return outcome == failing;
        }
    }

    private static String indented(String yaml) {
        return yaml.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }

    static void writePlan(Path file, List<FaultSpec> plan) {
        try {
            Files.writeString(file, FaultPlans.toYaml(plan));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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

    /** The command that resumes this simulation from a retained checkpoint in {@code folder}, with the same -D options. */
    private String resumeCommand(Path folder) {
        List<String> options = new ArrayList<>(List.of("-s", SimulationSetup.display(parent, folder)));
        options.addAll(SimulationSetup.dynamicPropertyOptions(dynamicProperties));
        return SimulationSetup.replayCommand(file, options);
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
}
