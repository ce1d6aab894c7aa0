package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sink.SinkOutput;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.JobSettingsResolver;
import io.snapsim.runtime.job.RunningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** Runs jobs on the actor runtime for tests: built-in or hand-built graphs, with a fault plan. */
final class JobHarness {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** A finished run: its result and the lines its sink made visible. */
    record Run(JobResult result, List<String> output) {
    }

    private JobHarness() {
    }

    static Configuration config(Map<String, String> keys) {
        return Configuration.fromMap(keys, "test");
    }

    static JobGraph builtIn(String job, Map<String, Object> params, int parallelism, long seed, Path output, boolean plainSink) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return BuiltInJobs.build(job, params, env, seed, plainSink ? FileSinks.plain(output) : FileSinks.transactional(output));
    }

    /**
     * Runs the job to its end. Its tasks must leave no local RocksDB state behind (they delete their
     * instance directories when they stop); whatever they left is removed before the check fails, so
     * that it cannot fail a later run of the same job id.
     */
    static Run run(JobGraph graph, Configuration config, Path workDir, List<ArmedFault> faults, long seed) throws Exception {
        Path local = localRocksDBDirectory(jobId(seed));
        deleteTree(local); // left by a build that was stopped while a job ran
        RunningJob job = start(graph, config, workDir, faults, seed, JobRunner.Journal.IN_MEMORY);
        Run run = new Run(job.await(TIMEOUT), SinkOutput.readLines(workDir.resolve("output")));
        List<String> leftBehind = contents(local);
        deleteTree(local);
        assertThat(leftBehind).as("local RocksDB state the tasks left behind after the job ended (%s, %s restarts)",
                run.result().status(), run.result().restarts()).isEmpty();
        return run;
    }

    static String jobId(long seed) {
        return String.format("%032x", seed & 0xffffffffL);
    }

    /** Where the job's tasks keep their RocksDB instances: {@code {java.io.tmpdir}/snapsim-rocksdb/{job-id}-{pid}/}. */
    static Path localRocksDBDirectory(String jobId) {
        return StateBackends.factory(StateBackendType.ROCKSDB).localStateRoot(jobId).orElseThrow();
    }

    private static List<String> contents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static RunningJob start(JobGraph graph, Configuration config, Path workDir, List<ArmedFault> faults, long seed,
                            JobRunner.Journal journal) {
        String jobId = jobId(seed);
        JobRunSettings settings = JobSettingsResolver.resolve(config, jobId, workDir.resolve("checkpoints"), faults, seed);
        return JobRunner.start(graph, settings, journal, seed, event -> { });
    }

    static Run runBuiltIn(String job, Map<String, Object> params, int parallelism, Configuration config, Path workDir,
                          List<ArmedFault> faults, long seed, boolean plainSink) throws Exception {
        return run(builtIn(job, params, parallelism, seed, workDir.resolve("output"), plainSink), config, workDir, faults, seed);
    }

    static Function<Path, JobGraph> graphOf(String job, Map<String, Object> params, int parallelism, long seed) {
        return out -> builtIn(job, params, parallelism, seed, out, false);
    }
}
