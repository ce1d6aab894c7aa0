package io.snapsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.storage.FileTrees;
import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.PlannedFault;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.report.sweep.SweepReport;
import io.snapsim.runtime.sim.SimulationRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim sweep FILE --seeds 1..500}: runs a simulation once per seed, each with the seed's
 * own schedule and generated data and, when the simulation asks for random faults (a {@code random}
 * item, or no faults at all), its own fault plan drawn from the seed; a fixed fault list is run as
 * it is. Runs of different seeds go in parallel, each into
 * {@code reports/<simulation>/sweep-<time>/seed-<S>/}; only the folders of seeds that did not pass
 * are kept, unless {@code --keep-all}. Progress goes to stderr: redrawn in place on a terminal, a
 * line per tenth otherwise. Every seed that is not VALID is listed with the command that replays it
 * alone, which draws the same plan ({@link SimulationSetup#plan}). Exit code: 1 if a run was
 * INVALID, else 2 if one was UNKNOWN, else 3 if a planned fault never fired, else 0.
 *
 * <p>The sweep's runs execute on a pool of worker threads; everything printed is printed by the
 * command's own thread as results come in.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a simulation once per seed and lists the seeds that fail.",
                "Each seed has its own interleaving and generated data. When the simulation asks for random faults"
                        + " (a 'random' item, or no faults at all), each seed also draws its own faults; a fixed fault"
                        + " list is run as it is."})
final class SweepCommand implements Callable<Integer> {

    /** Faults drawn per seed when the simulation has none and --faults is not given. */
    static final int DEFAULT_FAULTS = 3;

    @Parameters(index = "0", paramLabel = "FILE", description = "the simulation file (YAML)")
    Path file;

    @Option(names = "--seeds", required = true, paramLabel = "SEEDS",
            description = "the seeds to run: a range 1..500, a seed 7, or a list 1,5,9 (ranges allowed in lists)")
    String seeds;

    @Option(names = "--parallel", paramLabel = "N", description = "runs at a time (default: the number of processors)")
    Integer parallel;

    @Option(names = "--faults", paramLabel = "K",
            description = "faults drawn per seed: for each 'random' item, or in place of an empty fault list"
                    + " (default " + DEFAULT_FAULTS + " when the simulation has no faults); refused for a fixed fault list")
    Integer randomFaults;

    @Option(names = "--keep-all", description = "keep every seed's run folder (by default only those of seeds that"
            + " did not pass are kept)")
    boolean keepAll;

    @Option(names = "-D", paramLabel = "key=value", description = "a configuration key (Flink names)")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = "--reports", paramLabel = "DIR", description = "where run folders go (default: reports)")
    Path reports = Path.of("reports");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    /**
     * How one seed's run ended: its outcome and reason, its plan and which faults fired, how long
     * the job ran on its own clock (null when it never started) and how long the seed took here.
     */
    record SeedOutcome(long seed, Outcome outcome, String reason, Path runDir, List<PlannedFault> faults,
                       List<Integer> fired, Long jobMillis, long wallMillis) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        List<Long> seedList = Seeds.parse(seeds);
        int threads = Math.min(threads(), seedList.size());
        SimulationSpec spec = new SimulationParser(RunCommand.catalog()).parse(parent.workingDirectory().resolve(file));
        Configuration config = SimulationSetup.effectiveConfig(spec, SimulationSetup.globalFile(parent), dynamicProperties);
        Integer faultCount = randomFaults != null ? randomFaults : spec.faults().isEmpty() ? DEFAULT_FAULTS : null;
        // Bad input shows in the first seed's plan as in any other: refuse it before starting anything.
        SimulationSetup.plan(spec.withSeed(seedList.get(0)), config, faultCount);
        UsableFolders.check(config, parent.workingDirectory().resolve(reports));

        Path reportsRoot = parent.workingDirectory().resolve(reports);
        String sweepId = sweepId(reportsRoot.resolve(spec.name()));
        Path sweepDir = reportsRoot.resolve(spec.name()).resolve(sweepId).toAbsolutePath();
        out.println("snapsim: sweeping " + spec.name() + " (" + file + ") over " + seedList.size() + " seed(s), "
                + threads + " at a time; " + describeFaults(spec, faultCount));
        out.flush();

        long started = System.nanoTime();
        List<SeedOutcome> outcomes;
        try (SweepLog log = SweepLog.create(sweepDir, SweepLog.Header.of(spec.name(), file.toString(),
                spec.execution().name().toLowerCase(Locale.ROOT), seeds, faultCount, keepAll, threads))) {
            outcomes = runAll(spec, config, faultCount, seedList, threads, reportsRoot, sweepId, out, err, started,
                    seed -> log.append(logged(seed, sweepDir, faultCount)));
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        Map<Outcome, Integer> counts = count(outcomes);
        List<SeedOutcome> failing = outcomes.stream().filter(o -> !passes(o.outcome()))
                .sorted(Comparator.comparingLong(SeedOutcome::seed)).toList();
        writeSummary(sweepDir, spec, faultCount, threads, wall, counts, outcomes);
        Path report = SweepReport.render(sweepDir);
        printSummary(out, seedList.size(), counts, wall, sweepDir, report, failing, faultCount);
        return exitCode(counts);
    }

    /** A seed's line of {@code sweep.jsonl}: its run folder relative to the sweep's. */
    private SweepLog.Seed logged(SeedOutcome seed, Path sweepDir, Integer faultCount) {
        return new SweepLog.Seed(seed.seed(), seed.outcome(), seed.reason(), seed.faults(), seed.fired(), seed.jobMillis(),
                seed.wallMillis(), seed.runDir() == null ? null : sweepDir.relativize(seed.runDir()).toString(),
                replay(seed.seed(), faultCount));
    }

    /** The worst outcome decides: INVALID, then UNKNOWN, then NOT_FIRED; VALID and UNRECOVERABLE pass. */
    static int exitCode(Map<Outcome, Integer> counts) {
        for (Outcome worst : List.of(Outcome.INVALID, Outcome.UNKNOWN, Outcome.NOT_FIRED)) {
            if (counts.getOrDefault(worst, 0) > 0) {
                return worst.exitCode();
            }
        }
        return Outcome.VALID.exitCode();
    }

    /** Seeds that pass: their run folders are removed unless --keep-all. */
    static boolean passes(Outcome outcome) {
        return outcome == Outcome.VALID || outcome == Outcome.UNRECOVERABLE;
    }

    private int threads() {
        int threads = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (threads < 1) {
            throw new InvalidInputException("--parallel: expected at least 1 run at a time, got " + threads);
        }
        return threads;
    }

    /**
     * Runs every seed on a pool of {@code threads}, printing progress and failures as runs end and
     * handing each outcome to {@code ended} as it comes, on this thread.
     */
    private List<SeedOutcome> runAll(SimulationSpec spec, Configuration config, Integer faultCount, List<Long> seedList,
                                     int threads, Path reportsRoot, String sweepId, PrintWriter out, PrintWriter err,
                                     long started, Consumer<SeedOutcome> ended) throws InterruptedException {
        SimulationRunner runner = new SimulationRunner(reportsRoot, line -> { })
                .reportingWhen(outcome -> keepAll || !passes(outcome)); // the folders kept get their report
        // Start logging here: when the workers' first runs start it together, SLF4J warns that it replays their calls.
        org.slf4j.LoggerFactory.getILoggerFactory();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "snapsim-sweep-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SweepProgress progress = new SweepProgress(err, seedList.size(), started, parent.errIsTerminal());
        List<SeedOutcome> outcomes = new ArrayList<>();
        try {
            CompletionService<SeedOutcome> done = new ExecutorCompletionService<>(pool);
            for (long seed : seedList) {
                done.submit(() -> runSeed(runner, spec, config, faultCount, seed, sweepId, keepAll));
            }
            progress.update(0, count(outcomes));
            for (int i = 0; i < seedList.size(); i++) {
                SeedOutcome outcome = take(done, progress);
                outcomes.add(outcome);
                ended.accept(outcome);
                if (!passes(outcome.outcome())) {
                    progress.clear();
                    out.println("seed " + outcome.seed() + ": " + outcome.outcome() + ": " + outcome.reason());
                    out.flush();
                }
                progress.update(outcomes.size(), count(outcomes));
            }
            progress.finish();
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SeedOutcome take(CompletionService<SeedOutcome> done, SweepProgress progress) throws InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            progress.clear();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * One seed: its plan, its run in {@code <sweep>/seed-<S>/}, and the plan written next to the run's
     * report; the folder of a seed that passes is removed unless {@code keep}.
     */
    private static SeedOutcome runSeed(SimulationRunner runner, SimulationSpec spec, Configuration config,
                                       Integer faultCount, long seed, String sweepId, boolean keep)
            throws InterruptedException {
        long started = System.nanoTime();
        SimulationSpec seeded = spec.withSeed(seed);
        seeded = seeded.withFaults(SimulationSetup.plan(seeded, config, faultCount));
        List<PlannedFault> plan = PlannedFault.of(seeded.faults());
        SimulationResult result;
        try {
            result = runner.run(seeded, config, sweepId + "/seed-" + seed);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            return new SeedOutcome(seed, Outcome.UNKNOWN, "the run failed with " + e, null, plan, List.of(), null,
                    millisSince(started));
        }
        Verdict verdict = result.verdict();
        Path folder = result.runDir();
        if (keep || !passes(verdict.outcome())) {
            RunCommand.writePlan(folder.resolve(RunCommand.PLAN_FILE), seeded.faults());
        } else {
            FileTrees.deleteRecursively(folder);
            folder = null;
        }
        List<Integer> fired = result.faults().entries().stream().filter(FaultReport.Entry::fired)
                .map(FaultReport.Entry::index).toList();
        return new SeedOutcome(seed, verdict.outcome(), verdict.reason() + " (expected " + verdict.expectation() + ")",
                folder, plan, fired, result.run() == null ? null : result.run().durationMillis(), millisSince(started));
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static Map<Outcome, Integer> count(List<SeedOutcome> outcomes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        outcomes.forEach(o -> counts.merge(o.outcome(), 1, Integer::sum));
        return counts;
    }

    private void printSummary(PrintWriter out, int total, Map<Outcome, Integer> counts, Duration wall, Path sweepDir,
                              Path report, List<SeedOutcome> failing, Integer faultCount) {
        double seconds = Math.max(wall.toNanos(), 1) / 1e9;
        out.println();
        out.printf("outcomes:  %d valid, %d invalid, %d unknown, %d not-fired, %d unrecoverable (of %d seeds)%n",
                counts.get(Outcome.VALID), counts.get(Outcome.INVALID), counts.get(Outcome.UNKNOWN),
                counts.get(Outcome.NOT_FIRED), counts.get(Outcome.UNRECOVERABLE), total);
        if (counts.get(Outcome.UNRECOVERABLE) > 0) {
            out.println("           unrecoverable: storage damage hit every retained checkpoint and the job failed"
                    + " cleanly, as Flink's does; an expected outcome");
        }
        out.printf("time:      %s wall, %.2f runs/s%n", ProgressBar.clock(wall), total / seconds);
        out.println("runs:      " + SimulationSetup.display(parent, sweepDir) + (keepAll ? ""
                : " (folders of the seeds that did not pass; --keep-all keeps them all)"));
        out.println("report:    " + SimulationSetup.display(parent, report));
        if (!failing.isEmpty()) {
            out.println("replay the failing seeds:");
            for (SeedOutcome outcome : failing) {
                out.printf("  seed %d (%s): %s%n", outcome.seed(), outcome.outcome(), replay(outcome.seed(), faultCount));
            }
        }
        out.flush();
    }

    /** The command that runs one seed alone and draws the same plan. */
    private String replay(long seed, Integer faultCount) {
        List<String> options = new ArrayList<>(List.of("--seed", String.valueOf(seed)));
        if (faultCount != null) {
            options.add("--faults");
            options.add(String.valueOf(faultCount));
        }
        options.addAll(SimulationSetup.dynamicPropertyOptions(dynamicProperties));
        return SimulationSetup.replayCommand(file, options);
    }

    private static String describeFaults(SimulationSpec spec, Integer faultCount) {
        if (spec.faults().isEmpty()) {
            return faultCount + " random fault(s) drawn from each seed";
        }
        if (FaultPlans.isRandom(spec.faults())) {
            return "random faults drawn from each seed"
                    + (faultCount == null ? "" : " (" + faultCount + " per 'random' item)");
        }
        return "the simulation's " + spec.faults().size() + " fixed fault(s) in every seed (the seed varies the"
                + " interleaving and the data)";
    }

    /** {@code sweep-<time>}, with a suffix if a sweep of the same second exists. */
    private static String sweepId(Path simulationReports) {
        String base = "sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String id = base;
        for (int n = 2; Files.exists(simulationReports.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /**
     * {@code sweep.json} in the sweep's folder: the counts and, per seed, outcome, reason and replay
     * command, in seed order ({@code sweep.jsonl} has each seed's line as it ended, and its plan).
     */
    private void writeSummary(Path sweepDir, SimulationSpec spec, Integer faultCount, int threads, Duration wall,
                              Map<Outcome, Integer> counts, List<SeedOutcome> outcomes) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("simulation", spec.name());
        summary.put("file", file.toString());
        summary.put("seeds", seeds);
        summary.put("faultsPerSeed", faultCount);
        summary.put("keepAll", keepAll);
        summary.put("parallel", threads);
        summary.put("wallMillis", wall.toMillis());
        Map<String, Integer> countsByName = new LinkedHashMap<>();
        counts.forEach((outcome, n) -> countsByName.put(outcome.name(), n));
        summary.put("exitCode", exitCode(counts));
        summary.put("outcomes", countsByName);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (SeedOutcome outcome : outcomes.stream().sorted(Comparator.comparingLong(SeedOutcome::seed)).toList()) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seed", outcome.seed());
            run.put("outcome", outcome.outcome().name());
            run.put("reason", outcome.reason());
            run.put("folder", outcome.runDir() == null ? null : sweepDir.relativize(outcome.runDir()).toString());
            run.put("replay", replay(outcome.seed(), faultCount));
            runs.add(run);
        }
        summary.put("runs", runs);
        try {
            Files.createDirectories(sweepDir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(sweepDir.resolve("sweep.json").toFile(),
                    summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sweepDir.resolve("sweep.json"), e);
        }
    }
}
