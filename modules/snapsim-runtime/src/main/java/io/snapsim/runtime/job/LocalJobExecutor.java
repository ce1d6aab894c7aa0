package io.snapsim.runtime.job;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobExecutor;
import io.snapsim.core.job.JobResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@code StreamExecutionEnvironment.execute()} in this JVM with live execution: the job's
 * code settings on top of the defaults, the durable journal, and, when no checkpoint directory is
 * configured, {@code snapsim-checkpoints} under the system's temporary directory.
 * Found through {@link java.util.ServiceLoader}.
 */
public final class LocalJobExecutor implements JobExecutor {
    /** How long {@code execute()} waits for a job before cancelling it. */
    public static final Duration TIMEOUT = Duration.ofHours(1);

    @Override
    public JobResult execute(JobGraph graph) throws Exception {
        Configuration config = Configuration.fromMap(graph.codeSettings(), "job code");
        JobSettingsResolver.requireUsableFolders(config);
        Path defaultDir = Path.of(System.getProperty("java.io.tmpdir"), "snapsim-checkpoints");
        JobRunSettings probe = JobSettingsResolver.resolve(config, "probe", defaultDir, List.of(), 0);
        String jobId = JobIds.newJobId(graph.jobName().hashCode(), graph.jobName(), probe.checkpointsDirectory(),
                probe.restoredFrom());
        JobRunSettings settings = JobSettingsResolver.resolve(config, jobId, defaultDir, List.of(), 0);
        return JobRunner.start(graph, settings, JobRunner.Journal.DURABLE, 0, event -> { }).await(TIMEOUT);
    }
}
