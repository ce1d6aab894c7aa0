package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.runtime.job.JobMaster;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobSettingsResolver;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.services.SystemClock;
import io.snapsim.runtime.store.FailingJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose completed-checkpoint store fails (its journal cannot persist, or cannot be read back)
 * ends FAILED with a message that names the store, instead of waiting forever for the store's answer.
 */
class CheckpointStoreFailureTest {
    @TempDir
    Path temp;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private ActorSystem<MasterCommand> system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.terminate();
        }
        io.shutdownNow();
    }

    private JobResult run(FailingJournal.Failure failure) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobGraph graph = BuiltInJobs.build("running-sum", Map.of("records", 2_000_000, "keys", 100), env, 1,
                FileSinks.transactional(temp.resolve("output")));
        String jobId = UUID.randomUUID().toString().replace("-", "");
        JobRunSettings settings = JobSettingsResolver.resolve(Configuration.fromMap(Map.of(
                "execution.checkpointing.interval", "5 ms"), "test"), jobId, temp.resolve("checkpoints"), List.of(), 1);
        RuntimeServices services = new RuntimeServices(new SystemClock(), io, new SplittableRandom(1));
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        Config config = FailingJournal.config(failure)
                .withFallback(ConfigFactory.parseString("pekko.loglevel = OFF\npekko.stdout-loglevel = OFF"))
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(JobMaster.create(JobPlan.of(graph), settings, services, result, event -> { }),
                "store-failure-" + jobId, config);
        return result.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aJournalThatCannotPersistACompletedCheckpointFailsTheJob() throws Exception {
        JobResult result = run(FailingJournal.Failure.WRITES);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failureMessage()).contains("completed-checkpoint store");
    }

    @Test
    void aJournalThatCannotBeReadBackFailsTheJobBeforeItStarts() throws Exception {
        JobResult result = run(FailingJournal.Failure.REPLAY);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failureMessage()).contains("cannot read the completed-checkpoint store");
        assertThat(result.recordsIn()).isZero();
    }
}
