package io.snapsim.runtime.engine;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sink.SinkOutput;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.JobSettingsResolver;
import io.snapsim.runtime.job.RunningJob;
import io.snapsim.runtime.task.ArmedFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    static Run run(JobGraph graph, Configuration config, Path workDir, List<ArmedFault> faults, long seed) throws Exception {
        RunningJob job = start(graph, config, workDir, faults, seed, JobRunner.Journal.IN_MEMORY);
        return new Run(job.await(TIMEOUT), SinkOutput.readLines(workDir.resolve("output")));
    }

    static RunningJob start(JobGraph graph, Configuration config, Path workDir, List<ArmedFault> faults, long seed,
                            JobRunner.Journal journal) {
        String jobId = String.format("%032x", seed & 0xffffffffL);
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
