package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.job.JobStatus;
import io.snapsim.core.sink.TransactionalFileSinkOperator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several subtasks failing in the same attempt are one failure of the job: one restart, one
 * attempt of the restart strategy, as in Flink's global failover. Here both sink subtasks fail
 * after their second pre-commit, and the restart strategy allows a single restart; before the fix
 * in JobMaster each failure counted, and the second one failed the job terminally. The race is
 * real (the second failure must arrive before the first one's restart), hence the repetitions.
 */
class SimultaneousFailuresTest {

    @TempDir
    Path temp;

    @RepeatedTest(3)
    void everySinkSubtaskFailingAtTheSameCheckpointCostsOneRestart() throws Exception {
        Path dir = temp.resolve("run");
        JobHarness.Run run = JobHarness.run(
                PlantedBugTest.sumJob(1_000_000, new PlantedBugTest.StateSum(), PlantedBugTest.failingAfterSnapshot(2,
                        () -> new TransactionalFileSinkOperator(dir.resolve("output")))),
                JobHarness.config(Map.of(
                        "execution.checkpointing.interval", "10 ms",
                        "restart-strategy.type", "fixed-delay",
                        "restart-strategy.fixed-delay.attempts", "1",
                        "restart-strategy.fixed-delay.delay", "200 ms")),
                dir, List.of(), 1);

        assertThat(run.result().status()).as("failure: %s", run.result().failureMessage()).isEqualTo(JobStatus.FINISHED);
        assertThat(run.result().restarts()).isEqualTo(1);
    }
}
