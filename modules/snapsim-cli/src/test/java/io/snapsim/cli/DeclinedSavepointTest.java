package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop-with-savepoint whose savepoint is declined while a task is still aligning the periodic
 * checkpoint before it. The coordinator's abort of the savepoint reached the aligning task, which
 * then dropped its older alignment without declining it: that checkpoint waited for its timeout
 * (600 s, of virtual time here, of real time in a live run) while the job went on. Now the older
 * checkpoint completes, the job carries on as in Flink, where a failed stop-with-savepoint leaves
 * the job running, and the run ends well before the timeout.
 */
class DeclinedSavepointTest {
    private static final String DECLINED = """
            name: declined-savepoint
            job: wordcount
            parameters: {records: 400000, vocabulary: 100}
            parallelism: 2
            seed: 42
            execution: deterministic
            sink: transactional
            expect: equivalent
            config:
              execution.checkpointing.interval: 2 ms
              execution.checkpointing.tolerable-failed-checkpoints: 5
            faults:
              - savepoint: {after-checkpoints: 2, stop: true}
              - storage: {kind: fail-write, at-checkpoint: 4}
            """;

    @TempDir
    Path workingDir;

    @Test
    void theCheckpointBeingAlignedStillCompletesAndNothingWaitsForTheTimeout() throws Exception {
        Files.writeString(workingDir.resolve("declined.yaml"), DECLINED);

        Cli.Result result = Cli.in(workingDir).run("run", "declined.yaml");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("verdict:     VALID (expected equivalent)")
                .containsPattern("\\n +3  COMPLETED +periodic")
                .containsPattern("\\n +4  FAILED +savepoint .*DECLINED")
                .doesNotContain("EXPIRED");
        assertThat(result.out()).containsPattern("FINISHED after 0 restart\\(s\\), 0\\.\\d\\d s of virtual time");
    }
}
