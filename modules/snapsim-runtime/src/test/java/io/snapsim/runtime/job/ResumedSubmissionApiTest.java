package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.runtime.fault.FaultPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution.state-recovery.path} from the Java API ({@code env.execute()}) starts a new
 * submission, as {@code run -s} does: a job id of its own, checkpoint ids after the restored one,
 * and the result says what it restored.
 */
class ResumedSubmissionApiTest {
    private static final Map<String, Object> PARAMETERS = Map.of("records", 500_000, "keys", 100);

    @TempDir
    Path temp;

    private StreamExecutionEnvironment environment(Path output) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        BuiltInJobs.build("running-sum", PARAMETERS, env, 3, FileSinks.transactional(output));
        return env;
    }

    /** Runs the job deterministically until it is cancelled after three completed checkpoints, which it retains. */
    private JobResult cancelledAfterThreeCheckpoints(Path checkpoints) {
        var graph = environment(temp.resolve("first-output")).getJobGraph("first");
        Configuration config = Configuration.fromMap(Map.of(
                "execution.checkpointing.interval", "10 ms",
                "execution.checkpointing.num-retained", "3",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"), "test");
        FaultPlan cancel = new FaultPlan(List.of(), List.of(), List.of(), new Faults.Cancel(3L, null), null, 0, -1);
        String jobId = JobIds.newJobId(3, temp.toString(), checkpoints); // unique per test run
        JobRunSettings settings = JobSettingsResolver.resolve(config, jobId, checkpoints, cancel, 3);
        return JobRunner.runDeterministic(graph, settings, 3, e -> { }, JobRunner.DETERMINISTIC_HORIZON_MILLIS)
                .orElseThrow();
    }

    @Test
    void aJobStartedFromCheckpointThreeHasItsOwnJobIdAndCheckpointsFromFour() throws Exception {
        Path checkpoints = temp.resolve("checkpoints");
        JobResult first = cancelledAfterThreeCheckpoints(checkpoints);
        assertThat(first.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(first.completedCheckpointIds()).containsExactly(1L, 2L, 3L);
        Path chk3 = checkpoints.resolve(first.jobId()).resolve("chk-3").resolve("_metadata");

        StreamExecutionEnvironment env = environment(temp.resolve("output"));
        env.configure("execution.checkpointing.interval", "10 ms");
        env.configure("execution.checkpointing.dir", checkpoints.toString());
        env.configure("execution.state-recovery.path", chk3.toString());
        JobResult resumed = env.execute("resumed");

        assertThat(resumed.status()).as(resumed.failureMessage()).isEqualTo(JobStatus.FINISHED);
        assertThat(resumed.jobId()).isNotEqualTo(first.jobId());
        assertThat(resumed.completedCheckpointIds()).isNotEmpty().allSatisfy(id -> assertThat(id).isGreaterThan(3));
        assertThat(resumed.checkpointHistory().get(0).checkpointId()).as("the first checkpoint it triggered").isEqualTo(4);
        assertThat(resumed.restored()).isEqualTo(new RestoredSnapshot(SnapshotKind.CHECKPOINT, 3, first.jobId(),
                chk3.toString()));
    }
}
