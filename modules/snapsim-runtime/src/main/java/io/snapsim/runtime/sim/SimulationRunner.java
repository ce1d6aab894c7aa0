package io.snapsim.runtime.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.SinkDescriptor;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.history.History;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.sink.SinkOutput;
import io.snapsim.core.storage.WritableFolder;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.job.JobIds;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.JobSettingsResolver;
import io.snapsim.core.sim.Faults;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.fault.CoordinatorFault;
import io.snapsim.runtime.fault.FaultPlan;
import io.snapsim.runtime.task.ArmedFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a simulation: the job with its fault plan, and the same job failure-free as the reference,
 * then compares their committed output and final keyed state and judges the run against what the
 * simulation expects. Writes the run's folder under {@code reports/<simulation>/<run-id>/}.
 */
public final class SimulationRunner {
    /** A run that has not ended after this long is cancelled and judged UNKNOWN. */
    public static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** In a run folder: the output folders of the earlier runs this run resumed, oldest first. */
    static final String EARLIER_OUTPUTS = "resumed-outputs.txt";

    private final Path reportsRoot;
    private final Consumer<String> out;
    private final Duration timeout;

    public SimulationRunner(Path reportsRoot, Consumer<String> out) {
        this(reportsRoot, out, RUN_TIMEOUT);
    }

    /** @param timeout how long a run may take before it is cancelled and judged UNKNOWN */
    public SimulationRunner(Path reportsRoot, Consumer<String> out, Duration timeout) {
        this.reportsRoot = reportsRoot;
        this.out = out;
        this.timeout = timeout;
    }

    /**
     * @param spec      the parsed simulation
     * @param config    the effective configuration (already merged by precedence)
     * @param runId     the run's folder name
     */
    public SimulationResult run(SimulationSpec spec, Configuration config, String runId) throws InterruptedException {
        Path runDir = reportsRoot.resolve(spec.name()).resolve(runId).toAbsolutePath();
        for (int n = 2; Files.exists(runDir); n++) {
            runDir = reportsRoot.resolve(spec.name()).resolve(runId + "-" + n).toAbsolutePath(); // never reuse a run's folder
        }
        createDirectories(runDir);
        String expectation = spec.expect().name().toLowerCase().replace('_', '-');

        JobGraph referenceGraph = buildGraph(spec, runDir.resolve("reference").resolve("output"));
        FaultPlan faults = armFaults(spec, referenceGraph);
        JobGraph runGraph = buildGraph(spec, runDir.resolve("output"));
        List<Path> earlierOutputs = earlierOutputs(config);
        writeEarlierOutputs(runDir, earlierOutputs);
        config.getOptional(io.snapsim.core.config.StateOptions.RECOVERY_PATH).ifPresent(path -> {
            Path metadataFile = io.snapsim.core.storage.StoragePaths.resolveMetadataFile(path);
            io.snapsim.runtime.job.RestoreCheck.check(io.snapsim.runtime.job.RestoreCheck.verifyIntact(metadataFile),
                    metadataFile, runGraph, config.get(io.snapsim.core.config.StateOptions.IGNORE_UNCLAIMED_STATE),
                    config.get(io.snapsim.core.config.StateOptions.BACKEND_TYPE));
        });

        out.accept("reference: running '" + spec.job() + "' failure-free (parallelism " + spec.parallelism() + ")");
        Path referenceCheckpoints = runDir.resolve("reference").resolve("checkpoints");
        Configuration referenceConfig = withoutRecovery(config).set("execution.checkpointing.dir",
                referenceCheckpoints.toString(), "reference run");
        JobRunSettings referenceSettings = JobSettingsResolver.resolve(referenceConfig,
                JobIds.newJobId(spec.seed(), "reference", referenceCheckpoints), referenceCheckpoints, List.of(), spec.seed());
        JobResult reference = execute(spec, referenceGraph, referenceSettings, JobRunner.Journal.IN_MEMORY, e -> { },
                History.NONE);
        if (reference == null || reference.status() != JobStatus.FINISHED) {
            Verdict v = Verdict.unknown(expectation, "the failure-free reference run did not finish: "
                    + (reference == null ? "timed out" : reference.failureMessage()));
            return finish(spec, runDir, v, null, reference);
        }

        Path defaultCheckpoints = runDir.resolve("checkpoints");
        Configuration runConfig = config;
        if (config.getOptional(io.snapsim.core.config.CheckpointingOptions.SAVEPOINT_DIR).isEmpty()) {
            runConfig = config.copy().set("execution.checkpointing.savepoint-dir", runDir.resolve("savepoints").toString(),
                    "the run folder");
        }
        JobRunSettings settings = JobSettingsResolver.resolve(runConfig, "pending", defaultCheckpoints, faults, spec.seed());
        String jobId = JobIds.newJobId(spec.seed(), spec.name(), settings.checkpointsDirectory());
        settings = JobSettingsResolver.resolve(runConfig, jobId, defaultCheckpoints, faults, spec.seed());
        out.accept("run:       '" + spec.job() + "' with " + faults.size() + " fault(s), job id " + jobId);
        JobResult run;
        try (History history = History.jsonl(runDir.resolve("history.jsonl"))) {
            run = execute(spec, runGraph, settings, JobRunner.Journal.DURABLE, event -> out.accept("  " + event), history);
        }
        Verdict verdict;
        if (run == null) {
            verdict = Verdict.unknown(expectation, "the run did not end within " + timeout.toSeconds() + " s");
        } else if (run.status() == JobStatus.CANCELED && (faults.cancel() != null
                || (faults.savepoint() != null && faults.savepoint().stop()))) {
            verdict = Verdict.judgeCancelled(expectation, OutputComparison.compare(
                    SinkOutput.readLines(runDir.resolve("reference").resolve("output")),
                    SinkOutput.readLines(runDir.resolve("output")), Map.of(), Map.of()));
        } else if (run.status() != JobStatus.FINISHED) {
            verdict = Verdict.unknown(expectation, "the run " + run.status().name().toLowerCase() + ": "
                    + run.failureMessage());
        } else {
            List<String> committed = new ArrayList<>();
            for (Path earlier : earlierOutputs) {
                committed.addAll(SinkOutput.readLines(earlier)); // the runs this one resumed, in order
            }
            committed.addAll(SinkOutput.readLines(runDir.resolve("output")));
            OutputComparison comparison = OutputComparison.compare(
                    SinkOutput.readLines(runDir.resolve("reference").resolve("output")), committed,
                    reference.finalKeyedState(), run.finalKeyedState());
            verdict = Verdict.judge(expectation, comparison);
        }
        return finish(spec, runDir, verdict, run, reference);
    }

    private JobGraph buildGraph(SimulationSpec spec, Path outputDir) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(spec.parallelism());
        SinkDescriptor sink = switch (spec.sink()) {
            case PLAIN -> FileSinks.plain(outputDir);
            case TRANSACTIONAL -> FileSinks.transactional(outputDir);
            case EAGER_COMMIT -> FileSinks.eagerCommitBroken(outputDir);
        };
        try {
            return BuiltInJobs.build(spec.job(), spec.parameters(), env, spec.seed(), sink);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": " + e.getMessage());
        }
    }

    /** The configuration without the restore path: the reference run is a whole failure-free run from scratch. */
    private static Configuration withoutRecovery(Configuration config) {
        Map<String, String> keys = new LinkedHashMap<>();
        config.settings().forEach((key, setting) -> {
            if (!io.snapsim.core.config.StateOptions.RECOVERY_PATH.allKeys().contains(key)
                    && !io.snapsim.core.config.StateOptions.IGNORE_UNCLAIMED_STATE.allKeys().contains(key)) {
                keys.put(key, setting.rawValue());
            }
        });
        return Configuration.fromMap(keys, "reference run");
    }

    /**
     * When the run resumes a checkpoint that an earlier snapsim run retained (the snapshot lies in
     * that run's {@code checkpoints/} folder), the output committed by that run and by the runs it
     * resumed in turn belongs to this job too: the verdict compares all of it with one failure-free run.
     */
    private static List<Path> earlierOutputs(Configuration config) {
        var path = config.getOptional(io.snapsim.core.config.StateOptions.RECOVERY_PATH);
        if (path.isEmpty()) {
            return List.of();
        }
        Path metadata = io.snapsim.core.storage.StoragePaths.resolveMetadataFile(path.get());
        // {run}/checkpoints/{job-id}/chk-{n}/_metadata or {run}/savepoints/savepoint-.../_metadata
        Path snapshotDir = metadata.getParent();
        Path checkpointsDir = snapshotDir.getParent() == null ? null : snapshotDir.getParent().getParent();
        Path savepointsDir = snapshotDir.getParent();
        Path earlierRun = null;
        if (checkpointsDir != null && checkpointsDir.getFileName() != null
                && checkpointsDir.getFileName().toString().equals("checkpoints")) {
            earlierRun = checkpointsDir.getParent();
        } else if (savepointsDir != null && savepointsDir.getFileName() != null
                && savepointsDir.getFileName().toString().equals("savepoints")) {
            earlierRun = savepointsDir.getParent();
        }
        if (earlierRun == null || !Files.exists(earlierRun.resolve("summary.json"))) {
            return List.of();
        }
        List<Path> outputs = new ArrayList<>();
        try {
            Path chain = earlierRun.resolve(EARLIER_OUTPUTS);
            if (Files.exists(chain)) {
                for (String line : Files.readAllLines(chain)) {
                    if (!line.isBlank()) {
                        outputs.add(Path.of(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + earlierRun.resolve(EARLIER_OUTPUTS), e);
        }
        outputs.add(earlierRun.resolve("output"));
        return outputs;
    }

    private static void writeEarlierOutputs(Path runDir, List<Path> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        try {
            Files.write(runDir.resolve(EARLIER_OUTPUTS), outputs.stream().map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(EARLIER_OUTPUTS), e);
        }
    }

    /** Turns the simulation's faults into what tasks, channels and the coordinator must do, checking names. */
    static FaultPlan armFaults(SimulationSpec spec, JobGraph graph) {
        List<ArmedFault> tasks = new ArrayList<>();
        List<ChannelFault> channels = new ArrayList<>();
        List<CoordinatorFault> coordinator = new ArrayList<>();
        Faults.Cancel cancel = null;
        Faults.Savepoint savepoint = null;
        for (int i = 0; i < spec.faults().size(); i++) {
            FaultSpec f = spec.faults().get(i);
            String where = spec.file() + ": faults[" + i + "]." + f.type();
            if (f instanceof CrashFault crash) {
                checkSubtask(where, graph, spec, crash.operator(), crash.subtask());
                tasks.add(new ArmedFault(i, crash.operator(), crash.subtask(),
                        crash.atRecord() == null ? 0 : crash.atRecord(),
                        crash.atCheckpoint() == null ? 0 : crash.atCheckpoint()));
            } else if (f instanceof Faults.CrashAt at) {
                checkSubtask(where, graph, spec, at.operator(), at.subtask());
                tasks.add(new ArmedFault(i, ArmedFault.Kind.CRASH, at.operator(), at.subtask(), 0,
                        at.atCheckpoint() == null ? 0 : at.atCheckpoint(),
                        at.phase() == null ? Faults.CheckpointPhase.BEFORE_SNAPSHOT : at.phase(),
                        at.atTime() == null ? 0 : Math.max(1, at.atTime()), 0));
            } else if (f instanceof Faults.CrashOperator op) {
                JobGraph.ResolvedNode node = node(where, graph, spec, op.operator());
                for (int s = 0; s < node.parallelism(); s++) {
                    tasks.add(new ArmedFault(i, ArmedFault.Kind.CRASH, op.operator(), s,
                            op.atRecord() == null ? 0 : op.atRecord(), op.atCheckpoint() == null ? 0 : op.atCheckpoint(),
                            Faults.CheckpointPhase.BEFORE_SNAPSHOT, op.atTime() == null ? 0 : Math.max(1, op.atTime()), 0));
                }
            } else if (f instanceof Faults.CrashTaskManager tm) {
                // subtasks are placed round-robin over the task managers, operator by operator
                int slot = 0;
                for (JobGraph.ResolvedNode node : graph.nodes()) {
                    for (int s = 0; s < node.parallelism(); s++, slot++) {
                        if (slot % tm.taskManagers() == tm.taskManager()) {
                            tasks.add(new ArmedFault(i, ArmedFault.Kind.CRASH, node.uid(), s, 0,
                                    tm.atCheckpoint() == null ? 0 : tm.atCheckpoint(), Faults.CheckpointPhase.BEFORE_SNAPSHOT,
                                    tm.atTime() == null ? 0 : Math.max(1, tm.atTime()), 0));
                        }
                    }
                }
            } else if (f instanceof Faults.CrashCoordinator cc) {
                coordinator.add(new CoordinatorFault(i, cc.phase() == Faults.CoordinatorPhase.AFTER_METADATA
                        ? CoordinatorFault.Kind.CRASH_AFTER_METADATA : CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY,
                        cc.atCheckpoint()));
            } else if (f instanceof Faults.StorageFault st) {
                switch (st.kind()) {
                    case FAIL_WRITE, SLOW_WRITE -> {
                        String operator = st.operator() != null ? st.operator() : graph.nodes().get(0).uid();
                        node(where, graph, spec, operator);
                        tasks.add(new ArmedFault(i, st.kind() == Faults.StorageKind.FAIL_WRITE ? ArmedFault.Kind.FAIL_WRITE
                                : ArmedFault.Kind.SLOW_WRITE, operator, 0, 0, st.atCheckpoint(),
                                Faults.CheckpointPhase.BEFORE_SNAPSHOT, 0, st.delay() == null ? 0 : st.delay()));
                    }
                    case CORRUPT_DATA -> coordinator.add(new CoordinatorFault(i, CoordinatorFault.Kind.CORRUPT_DATA, st.atCheckpoint()));
                    case DELETE_DATA -> coordinator.add(new CoordinatorFault(i, CoordinatorFault.Kind.DELETE_DATA, st.atCheckpoint()));
                    case CORRUPT_METADATA -> coordinator.add(new CoordinatorFault(i, CoordinatorFault.Kind.CORRUPT_METADATA, st.atCheckpoint()));
                    case DELETE_METADATA -> coordinator.add(new CoordinatorFault(i, CoordinatorFault.Kind.DELETE_METADATA, st.atCheckpoint()));
                }
            } else if (f instanceof Faults.NetworkFault net) {
                node(where + ".from", graph, spec, net.from());
                node(where + ".to", graph, spec, net.to());
                channels.add(new ChannelFault(i, net.kind(), net.from(), net.to(), net.atTime(),
                        net.delay() == null ? 0 : net.delay()));
            } else if (f instanceof Faults.SinkCommitFails sc) {
                checkSubtask(where, graph, spec, sc.operator(), sc.subtask());
                tasks.add(new ArmedFault(i, ArmedFault.Kind.SINK_COMMIT_FAIL, sc.operator(), sc.subtask(), 0,
                        sc.atCheckpoint(), Faults.CheckpointPhase.BEFORE_SNAPSHOT, 0, 0));
            } else if (f instanceof Faults.Cancel c) {
                cancel = c;
            } else if (f instanceof Faults.Savepoint sp) {
                savepoint = sp;
            }
            // other kinds (for example a random plan not yet expanded) arm nothing here
        }
        return new FaultPlan(tasks, channels, coordinator, cancel, savepoint);
    }

    private static JobGraph.ResolvedNode node(String where, JobGraph graph, SimulationSpec spec, String operator) {
        JobGraph.ResolvedNode node = graph.nodeByUid(operator);
        if (node == null) {
            throw new InvalidInputException(where + ": job '" + spec.job() + "' has no operator '" + operator
                    + "'; it has " + graph.nodes().stream().map(JobGraph.ResolvedNode::uid).toList());
        }
        return node;
    }

    private static void checkSubtask(String where, JobGraph graph, SimulationSpec spec, String operator, int subtask) {
        JobGraph.ResolvedNode node = node(where + ".operator", graph, spec, operator);
        if (subtask >= node.parallelism()) {
            throw new InvalidInputException(where + ".subtask: operator '" + operator + "' has "
                    + node.parallelism() + " subtask(s) (0.." + (node.parallelism() - 1) + "), not " + subtask);
        }
    }

    /** Runs a job in the simulation's execution mode; null when it did not end in time. */
    private JobResult execute(SimulationSpec spec, JobGraph graph, JobRunSettings settings, JobRunner.Journal journal,
                              Consumer<String> events, History history) throws InterruptedException {
        if (spec.execution() == io.snapsim.core.sim.ExecutionMode.DETERMINISTIC) {
            return JobRunner.runDeterministic(graph, settings, spec.seed(), events,
                    JobRunner.DETERMINISTIC_HORIZON_MILLIS, history).orElse(null);
        }
        return await(JobRunner.start(graph, settings, journal, spec.seed(), events, history));
    }

    private JobResult await(io.snapsim.runtime.job.RunningJob job) throws InterruptedException {
        try {
            return job.await(timeout);
        } catch (TimeoutException e) {
            out.accept(e.getMessage());
            return null;
        }
    }

    private SimulationResult finish(SimulationSpec spec, Path runDir, Verdict verdict, JobResult run, JobResult reference) {
        writeSummary(spec, runDir, verdict, run, reference);
        return new SimulationResult(verdict, run, reference, runDir);
    }

    private static void writeSummary(SimulationSpec spec, Path runDir, Verdict verdict, JobResult run, JobResult reference) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("simulation", spec.name());
        summary.put("file", String.valueOf(spec.file()));
        summary.put("job", spec.job());
        summary.put("parameters", spec.parameters());
        summary.put("parallelism", spec.parallelism());
        summary.put("seed", spec.seed());
        summary.put("sink", spec.sink().name().toLowerCase());
        summary.put("configuration", configMap(spec.config()));
        summary.put("faults", spec.faults().stream().map(String::valueOf).toList());
        summary.put("verdict", Map.of("outcome", verdict.outcome().name(), "expectation", verdict.expectation(),
                "reason", verdict.reason()));
        if (verdict.comparison() != null) {
            summary.put("comparison", verdict.comparison());
        }
        if (run != null) {
            summary.put("run", resultMap(run));
        }
        if (reference != null) {
            summary.put("reference", resultMap(reference));
        }
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(runDir.resolve("summary.json").toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve("summary.json"), e);
        }
    }

    private static Map<String, String> configMap(Configuration config) {
        Map<String, String> map = new LinkedHashMap<>();
        config.settings().forEach((k, v) -> map.put(k, v.rawValue()));
        return map;
    }

    private static Map<String, Object> resultMap(JobResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", r.jobId());
        m.put("status", r.status().name());
        m.put("failure", r.failureMessage());
        m.put("restarts", r.restarts());
        m.put("recordsIn", r.recordsIn());
        m.put("recordsOut", r.recordsOut());
        m.put("wallMillis", r.wallMillis());
        m.put("latestCheckpoint", r.latestCheckpoint());
        if (r.counts() != null) {
            m.put("checkpointCounts", r.counts());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckpointStats s : r.checkpointHistory()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.checkpointId());
            row.put("kind", s.kind().name().toLowerCase());
            row.put("status", s.status().name());
            row.put("triggerTime", s.triggerTimestamp());
            row.put("latestAck", s.latestAckTimestamp());
            row.put("endToEndMillis", s.endToEndDurationMs());
            row.put("stateSize", s.stateSize());
            row.put("checkpointedSize", s.checkpointedSize());
            row.put("acknowledged", s.numAcknowledged() + "/" + s.numTasks());
            if (s.failureReason() != null) {
                row.put("failure", s.failureReason() + ": " + s.failureMessage());
            }
            Map<String, Object> subtasks = new LinkedHashMap<>();
            s.subtaskMetrics().forEach((id, metrics) -> subtasks.put(id.toString(), Map.of(
                    "alignmentMillis", metrics.alignmentDurationMs(), "startDelayMillis", metrics.startDelayMs(),
                    "syncMillis", metrics.syncDurationMs(), "asyncMillis", metrics.asyncDurationMs(),
                    "checkpointedSize", metrics.stateSize())));
            row.put("subtasks", subtasks);
            rows.add(row);
        }
        m.put("checkpoints", rows);
        return m;
    }

    /** Creates the run's folder, or says in one line why it cannot ({@link WritableFolder}). */
    private static void createDirectories(Path dir) {
        WritableFolder.require("the run folder", dir);
    }
}
