package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.runtime.fault.FaultPlan;
import io.snapsim.runtime.plan.JobPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diagnosis asks every actor of a live job and answers from the job master. */
class JobMasterDiagnoseTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aDiagnosisOfARunningJobAnswersWithALineForEveryTaskAndTheCoordinator() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // far more records than the job can sum before it is cancelled
        JobGraph graph = BuiltInJobs.build("running-sum", Map.of("records", 1_000_000_000L, "keys", 100), env, 1,
                FileSinks.discarding());
        Path checkpoints = dir.resolve("checkpoints");
        String jobId = JobIds.newJobId(ProcessHandle.current().pid(), "diagnose-test", checkpoints);
        JobRunSettings settings = JobSettingsResolver.resolve(
                Configuration.fromMap(Map.of("execution.checkpointing.interval", "20 ms"), "test"), jobId, checkpoints,
                FaultPlan.NONE, 1);
        CountDownLatch deployed = new CountDownLatch(1);
        RunningJob job = JobRunner.start(graph, settings, JobRunner.Journal.IN_MEMORY, 1, line -> {
            if (line.startsWith("deploy attempt 0")) {
                deployed.countDown();
            }
        });
        try {
            // not before: a coordinator that has not read its store yet cannot describe itself
            assertThat(deployed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("deployed").isTrue();
            String diagnosis = job.diagnose();

            List<String> lines = List.of(diagnosis.split("\n"));
            assertThat(lines.get(0)).startsWith("attempt 0 ").endsWith(", running");
            List<String> expected = new ArrayList<>();
            for (JobPlan.Vertex v : JobPlan.of(graph).vertices()) {
                for (int s = 0; s < v.parallelism(); s++) {
                    expected.add("  " + v.name() + "#" + s + " attempt 0: ");
                }
            }
            assertThat(lines).hasSize(1 + expected.size() + 1);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(lines.get(1 + i)).as("the task lines, in deployment order").startsWith(expected.get(i));
            }
            assertThat(lines.get(lines.size() - 1)).as("the coordinator's line").startsWith("  coordinator: running, attempt 0, ");
        } finally {
            job.cancel();
        }
        JobResult result = job.await(PATIENCE);
        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
    }
}
