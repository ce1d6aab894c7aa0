package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 on the command line: the sink crashes, and while its restart is scheduled the coordinator
 * crashes before notifying checkpoint 1. The job is redeployed once and its output equals the
 * failure-free run (before the fix it deployed attempt 1 twice, the actor system stopped, and the
 * verdict was a wrong UNKNOWN).
 */
class CoordinatorCrashDuringRestartTest {
    private static final String DEPLOY_TWICE = """
            name: deploy-twice
            job: running-sum
            parameters: {records: 50000, keys: 1000}
            parallelism: 2
            seed: 148
            execution: deterministic
            sink: transactional
            expect: equivalent
            config:
              execution.checkpointing.interval: 10 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 3
              restart-strategy.fixed-delay.delay: 5 ms
            faults:
              - crash-operator: {operator: sink, at-record: 15787}
              - crash-coordinator: {at-checkpoint: 1, phase: before-notify}
            """;

    @TempDir
    Path workingDir;

    @Test
    void aSinkCrashAndACoordinatorCrashAtCheckpointOneEndValidAfterOneRestart() throws Exception {
        Files.writeString(workingDir.resolve("deploy-twice.yaml"), DEPLOY_TWICE);

        Cli.Result result = Cli.in(workingDir).run("run", "deploy-twice.yaml");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("status:      FINISHED after 1 restart(s)")
                .contains("verdict:     VALID (expected equivalent)")
                .containsOnlyOnce("deploy attempt 1 restoring checkpoint 1");
        assertThat(result.err()).doesNotContain("not unique");
    }
}
