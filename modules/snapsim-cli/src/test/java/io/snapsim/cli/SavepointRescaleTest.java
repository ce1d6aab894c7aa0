package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Savepoints rescale: stop-with-savepoint at parallelism 2, resume at 3 and stop with a savepoint
 * again, resume at 1 and finish. The output of the three runs together equals one failure-free run.
 * Resuming a checkpoint at another parallelism is refused with a pointer to savepoints. Both hold on
 * every state backend (hashmap, RocksDB with full and with incremental checkpoints): savepoints are in
 * the canonical format whatever the backend, retained checkpoints are not rescalable on any.
 */
class SavepointRescaleTest {
    @TempDir
    Path dir;

    /** The simulation without its name and faults; RocksDB is slower, so it gets half the records. */
    private static String base(TestBackend backend) {
        return """
                job: running-sum
                parameters: {records: %d, keys: 500}
                parallelism: 2
                seed: 4
                execution: deterministic
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                """.formatted(backend.rocksdb() ? 150_000 : 300_000) + backend.configLines();
    }

    private static String savepointOf(Cli.Result result) {
        Matcher m = Pattern.compile("savepoint \\d+ completed: (\\S+/savepoint-[0-9a-z_]{6}-[0-9a-f]{12}/_metadata)")
                .matcher(result.out());
        assertThat(m.find()).as("a completed savepoint: " + result.out()).isTrue();
        return m.group(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void stopWithSavepointThenRescaleTwoToThreeToOneEqualsOneFailureFreeRun(TestBackend backend) throws Exception {
        Files.writeString(dir.resolve("stop.yaml"), "name: stop\n" + base(backend)
                + "faults:\n  - savepoint: {after-checkpoints: 2, stop: true}\n");
        Files.writeString(dir.resolve("finish.yaml"), "name: finish\n" + base(backend));
        Cli cli = Cli.in(dir);

        Cli.Result first = cli.run("run", "stop.yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        String savepoint = savepointOf(first);
        assertThat(Path.of(savepoint)).exists();

        Cli.Result atThree = cli.run("run", "-s", savepoint, "-p", "3", "stop.yaml", "--reports", "reports");
        assertThat(atThree.exitCode()).as(atThree.out() + atThree.err()).isZero();
        assertThat(atThree.out()).contains("restoring checkpoint");
        String second = savepointOf(atThree);
        assertThat(Path.of(savepoint)).as("savepoints are never deleted").exists();

        Cli.Result atOne = cli.run("run", "-s", Path.of(second).getParent().toString(), "-p", "1", "finish.yaml",
                "--reports", "reports");
        assertThat(atOne.exitCode()).as(atOne.out() + atOne.err()).isZero();
        assertThat(atOne.out()).contains("verdict:     VALID (expected equivalent): committed output and final state equal");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void aRetainedCheckpointAtAnotherParallelismIsRefusedPointingToSavepoints(TestBackend backend) throws Exception {
        Files.writeString(dir.resolve("cancel.yaml"), "name: cancel\n" + base(backend)
                + "faults:\n  - cancel: {after-checkpoints: 2}\n");
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "cancel.yaml", "--reports", "reports");
        Matcher m = Pattern.compile("retained:    (\\S+_metadata)").matcher(first.out());
        assertThat(m.find()).as(first.out()).isTrue();

        Cli.Result rescaled = cli.run("run", "-s", m.group(1), "-p", "3", "cancel.yaml", "--reports", "reports");

        assertThat(rescaled.exitCode()).isEqualTo(2);
        assertThat(rescaled.err().strip().lines().count()).isEqualTo(1);
        assertThat(rescaled.err()).contains("checkpoints do not support rescaling").contains("savepoint");
    }
}
