package io.snapsim.runtime.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.SinkDescriptor;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.StateOptions;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.history.History;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.run.FinalState;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunInputs;
import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.run.RunReportWriter;
import io.snapsim.core.run.SummaryJson;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.storage.StoragePaths;
import io.snapsim.core.storage.WritableFolder;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.PlannedFault;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.fault.FaultPlan;
import io.snapsim.runtime.job.JobIds;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.JobSettingsResolver;
import io.snapsim.runtime.job.RestoreCheck;
import io.snapsim.runtime.job.RunningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a simulation: the job with its fault plan, and the same job failure-free as the reference,
 * then judges the run from its folder ({@link RunJudge}) against what the simulation expects.
 * Writes the run's folder under {@code reports/<simulation>/<run-id>/}: the committed
 * {@code output/}, the {@code reference/}, {@code history.jsonl}, {@code summary.json} and, when
 * {@code snapsim-report} is on the class path ({@link RunReportWriter}), the run report
 * {@code index.html}, both drawn from the folder.
 */
public final class SimulationRunner {
    /** A run that has not ended after this long is cancelled and judged UNKNOWN. */
    public static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final Path reportsRoot;
    private final Consumer<String> out;
    private final Duration timeout;
    /** Shown the run's result as the actors reported it; tests compare it with what the folder records. */
    private Consumer<JobResult> liveResults = result -> { };
    /** Which outcomes get a run report ({@code index.html}): every one unless told otherwise. */
    private Predicate<Outcome> reportWhen = outcome -> true;
    /** Sees the run's events one by one and may hold or stop it (snapsim step); null for none. */
    private RunTap tap;

    public SimulationRunner(Path reportsRoot, Consumer<String> out) {
        this(reportsRoot, out, RUN_TIMEOUT);
    }

    /** @param timeout how long a run may take before it is cancelled and judged UNKNOWN */
    public SimulationRunner(Path reportsRoot, Consumer<String> out, Duration timeout) {
        this.reportsRoot = reportsRoot;
        this.out = out;
        this.timeout = timeout;
    }

    /** Hands the run's result as its actors reported it to {@code observer}, for tests that check the record against it. */
    SimulationRunner observingLiveResults(Consumer<JobResult> observer) {
        this.liveResults = observer;
        return this;
    }

    /**
     * Writes the run report ({@code index.html}) only for runs whose outcome passes {@code when}: a
     * sweep keeps the folders of the seeds that fail, and renders only theirs.
     */
    public SimulationRunner reportingWhen(Predicate<Outcome> when) {
        this.reportWhen = when;
        return this;
    }

    /**
     * Hands every event of the run under faults to {@code tap} as it is recorded, on the run's driver
     * thread, and stops the run unfinished when the tap asks. Deterministic simulations only: a tap
     * that holds a live run would hold one of its threads, not the run.
     */
    public SimulationRunner tapping(RunTap runTap) {
        this.tap = runTap;
        return this;
    }

    /**
     * Runs a simulation of one of the built-in jobs ({@code spec.job()} names it).
     *
     * @param spec      the parsed simulation, its random items already drawn
     * @param config    the effective configuration (already merged by precedence)
     * @param runId     the run's folder name
     */
    public SimulationResult run(SimulationSpec spec, Configuration config, String runId) throws InterruptedException {
        return run(spec, builtIn(spec), config, runId);
    }

    /**
     * Runs a simulation of the job {@code job} defines; {@code spec.job()} is then only its name.
     *
     * @param spec      the simulation, its random items already drawn
     * @param job       builds the job, once for the reference and once for the run
     * @param config    the effective configuration (already merged by precedence)
     * @param runId     the run's folder name
     */
    public SimulationResult run(SimulationSpec spec, JobDefinition job, Configuration config, String runId)
            throws InterruptedException {
        Path runDir = newRunFolder(spec, runId);
        JobGraph referenceGraph = buildGraph(spec, job, config, runDir.resolve("reference").resolve("output"));
        FaultPlan faults = FaultArming.arm(spec, referenceGraph);
        JobGraph runGraph = buildGraph(spec, job, config, runDir.resolve(RunFolder.OUTPUT));
        List<Path> earlierOutputs = checkRestore(config, runGraph);
        Configuration runConfig = runConfig(config, runDir);
        JobRunSettings settings = runSettings(spec, runConfig, runDir, faults);
        RunFolder.writeInputs(runDir, inputs(spec, runConfig, settings, faults, earlierOutputs));

        JobResult reference = runReference(spec, config, runDir, referenceGraph);
        if (reference != null && reference.status() == JobStatus.FINISHED) {
            runWithFaults(spec, runDir, runGraph, settings);
        } else {
            releaseJobFolder(settings);
        }
        SimulationResult result = judge(runDir);
        if (reportWhen.test(result.verdict().outcome())) {
            RunReportWriter.find().ifPresent(writer -> writer.write(result.record(), result.verdict()));
        }
        return result;
    }

    /**
     * Judges a run from its folder alone and writes its {@code summary.json}: what {@code snapsim
     * check} does again later.
     *
     * @throws InvalidInputException when the folder is not a run folder, or one of its files is damaged
     */
    public static SimulationResult judge(Path runDir) {
        RunRecord record = RunRecord.read(runDir);
        Verdict verdict = RunJudge.judge(record);
        SummaryJson.write(record, verdict);
        return new SimulationResult(verdict, record);
    }

    private Path newRunFolder(SimulationSpec spec, String runId) {
        Path runDir = reportsRoot.resolve(spec.name()).resolve(runId).toAbsolutePath();
        for (int n = 2; Files.exists(runDir); n++) {
            runDir = reportsRoot.resolve(spec.name()).resolve(runId + "-" + n).toAbsolutePath(); // never reuse a run's folder
        }
        WritableFolder.require("the run folder", runDir); // or one line saying why it cannot be made
        return runDir;
    }

    /**
     * With a restore path ({@code run -s}): checks the snapshot before anything runs, and returns the
     * output folders of the earlier runs it continues; empty without one.
     */
    private static List<Path> checkRestore(Configuration config, JobGraph runGraph) {
        var path = config.getOptional(StateOptions.RECOVERY_PATH);
        if (path.isEmpty()) {
            return List.of();
        }
        Path metadataFile = StoragePaths.resolveMetadataFile(path.get());
        RestoreCheck.check(RestoreCheck.verifyIntact(metadataFile), metadataFile, runGraph,
                config.get(StateOptions.IGNORE_UNCLAIMED_STATE), config.get(StateOptions.BACKEND_TYPE));
        return ResumedLineage.earlierOutputs(metadataFile, runGraph);
    }

    private JobResult runReference(SimulationSpec spec, Configuration config, Path runDir, JobGraph graph)
            throws InterruptedException {
        out.accept("reference: running '" + spec.job() + "' failure-free (parallelism " + spec.parallelism() + ")");
        Path checkpoints = runDir.resolve("reference").resolve("checkpoints");
        Configuration referenceConfig = withoutRecovery(config).set("execution.checkpointing.dir",
                checkpoints.toString(), "reference run");
        JobRunSettings settings = JobSettingsResolver.resolve(referenceConfig,
                JobIds.newJobId(spec.seed(), "reference", checkpoints), checkpoints, List.of(), spec.seed());
        Path folder = RunFolder.reference(runDir);
        try (History history = History.jsonl(folder.resolve(RunFolder.HISTORY))) {
            JobResult result = execute(spec, graph, settings, JobRunner.Journal.IN_MEMORY, e -> { }, history);
            keepFinalState(folder, result);
            return result;
        }
    }

    /** The configuration of the run: savepoints go into the run folder unless configured elsewhere. */
    private static Configuration runConfig(Configuration config, Path runDir) {
        if (config.getOptional(CheckpointingOptions.SAVEPOINT_DIR).isPresent()) {
            return config;
        }
        return config.copy().set("execution.checkpointing.savepoint-dir", runDir.resolve("savepoints").toString(),
                "the run folder");
    }

    /** The run's settings: its job id follows from the seed, the checkpoint folder and the snapshot it resumes. */
    private static JobRunSettings runSettings(SimulationSpec spec, Configuration runConfig, Path runDir, FaultPlan faults) {
        Path defaultCheckpoints = runDir.resolve("checkpoints");
        JobRunSettings settings = JobSettingsResolver.resolve(runConfig, "pending", defaultCheckpoints, faults, spec.seed());
        String jobId = JobIds.newJobId(spec.seed(), spec.name(), settings.checkpointsDirectory(), settings.restoredFrom());
        return JobSettingsResolver.resolve(runConfig, jobId, defaultCheckpoints, faults, spec.seed());
    }

    private void runWithFaults(SimulationSpec spec, Path runDir, JobGraph graph, JobRunSettings settings)
            throws InterruptedException {
        out.accept("run:       '" + spec.job() + "' with " + spec.faults().size() + " planned fault(s), job id "
                + settings.jobId());
        try (History file = History.jsonl(runDir.resolve(RunFolder.HISTORY));
             History history = tap == null ? file : new TappedHistory(file, tap)) {
            JobResult result = execute(spec, graph, settings, JobRunner.Journal.DURABLE, event -> out.accept("  " + event),
                    history);
            keepFinalState(runDir, result);
            liveResults.accept(result);
        }
    }

    /** The run never started: the folder its job id reserved (JobIds) goes, unless something is in it. */
    private static void releaseJobFolder(JobRunSettings settings) {
        try {
            Files.deleteIfExists(settings.checkpointsDirectory().resolve(settings.jobId()));
        } catch (IOException e) {
            // not empty, or not ours to remove: left as it is
        }
    }

    /** A finished job's final keyed state goes into its folder, where the verdict reads it. */
    private static void keepFinalState(Path folder, JobResult result) {
        if (result != null && result.status() == JobStatus.FINISHED) {
            FinalState.write(folder.resolve(RunFolder.FINAL_STATE), result.finalKeyedState());
        }
    }

    /** What {@code run.json} records of the run before it starts. */
    private RunInputs inputs(SimulationSpec spec, Configuration runConfig, JobRunSettings settings, FaultPlan faults,
                             List<Path> earlierOutputs) {
        Map<String, RunInputs.ConfigValue> configuration = new LinkedHashMap<>();
        runConfig.settings().forEach((key, setting) ->
                configuration.put(key, new RunInputs.ConfigValue(setting.rawValue(), setting.origin())));
        boolean endsByPlan = faults.cancel() != null || (faults.savepoint() != null && faults.savepoint().stop());
        long timeoutSeconds = spec.execution() == ExecutionMode.DETERMINISTIC
                ? JobRunner.DETERMINISTIC_HORIZON_MILLIS / 1000 : timeout.toSeconds();
        return new RunInputs(spec.name(), String.valueOf(spec.file()), spec.description(), spec.job(), spec.parameters(),
                spec.parallelism(), spec.seed(), spec.execution().name().toLowerCase(), spec.sink().name().toLowerCase(), expectation(spec),
                configuration, PlannedFault.of(spec.faults()), endsByPlan,
                settings.coordinatorConfig() == null ? null : settings.coordinatorConfig().intervalMs(), settings.jobId(),
                settings.checkpointsDirectory().toAbsolutePath().toString(), settings.restoredFrom(),
                earlierOutputs.stream().map(Path::toString).toList(), timeoutSeconds, spec.lesson());
    }

    /** The built-in job {@code spec} names, with its parameters and seed. */
    static JobDefinition builtIn(SimulationSpec spec) {
        return (env, sink) -> BuiltInJobs.build(spec.job(), spec.parameters(), env, spec.seed(), sink);
    }

    /** The job at the simulation's parallelism, with {@code pipeline.max-parallelism} from {@code config} if set. */
    private static JobGraph buildGraph(SimulationSpec spec, JobDefinition job, Configuration config, Path outputDir) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(spec.parallelism());
        SinkDescriptor sink = switch (spec.sink()) {
            case PLAIN -> FileSinks.plain(outputDir);
            case TRANSACTIONAL -> FileSinks.transactional(outputDir);
            case EAGER_COMMIT -> FileSinks.eagerCommitBroken(outputDir);
        };
        try {
            job.define(env, sink);
            return env.getJobGraph(spec.job());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": " + e.getMessage());
        }
    }

    /** The configuration without the restore path: the reference run is a whole failure-free run from scratch. */
    private static Configuration withoutRecovery(Configuration config) {
        Map<String, String> keys = new LinkedHashMap<>();
        config.settings().forEach((key, setting) -> {
            if (!StateOptions.RECOVERY_PATH.allKeys().contains(key)
                    && !StateOptions.IGNORE_UNCLAIMED_STATE.allKeys().contains(key)) {
                keys.put(key, setting.rawValue());
            }
        });
        return Configuration.fromMap(keys, "reference run");
    }

    /** Runs a job in the simulation's execution mode; null when it did not end in time. */
    private JobResult execute(SimulationSpec spec, JobGraph graph, JobRunSettings settings, JobRunner.Journal journal,
                              Consumer<String> events, History history) throws InterruptedException {
        if (spec.execution() == ExecutionMode.DETERMINISTIC) {
            RunTap stopper = history instanceof TappedHistory ? tap : null;
            return JobRunner.runDeterministic(graph, settings, spec.seed(), events,
                    JobRunner.DETERMINISTIC_HORIZON_MILLIS, history, () -> stopper != null && stopper.stopRequested())
                    .orElse(null);
        }
        if (history instanceof TappedHistory) {
            throw new IllegalArgumentException(spec.file() + ": only a deterministic run can be stepped");
        }
        return await(JobRunner.start(graph, settings, journal, spec.seed(), events, history));
    }

    private JobResult await(RunningJob job) throws InterruptedException {
        try {
            return job.await(timeout);
        } catch (TimeoutException e) {
            out.accept(e.getMessage());
            return null;
        }
    }

    private static String expectation(SimulationSpec spec) {
        return spec.expect().name().toLowerCase().replace('_', '-');
    }
}
