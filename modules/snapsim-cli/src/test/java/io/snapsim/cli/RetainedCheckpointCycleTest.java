package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink's retained-checkpoint test, on the command line: run with RETAIN_ON_CANCELLATION, cancel after
 * some checkpoints, find {@code {dir}/{job-id}/chk-*}{@code /_metadata}, resume with {@code run -s},
 * three times over, then let the last run finish: the output committed by all runs together must
 * equal one failure-free run. With DELETE_ON_CANCELLATION nothing is left after the cancel.
 */
class RetainedCheckpointCycleTest {
    @TempDir
    Path dir;

    private static String simulation(String name, String retention, boolean cancel) {
        return """
                name: %s
                job: running-sum
                parameters: {records: 300000, keys: 500}
                parallelism: 2
                seed: 4
                execution: deterministic
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.externalized-checkpoint-retention: %s
                """.formatted(name, retention) + (cancel ? "faults:\n  - cancel: {after-checkpoints: 2}\n" : "");
    }

    private Path retainedMetadata(String simulation) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("reports").resolve(simulation))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .sorted((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified()))
                    .toList();
            assertThat(found).as("a retained chk-*/_metadata").isNotEmpty();
            return found.get(0);
        }
    }

    @Test
    void cancelResumeThreeTimesThenFinishEqualsOneFailureFreeRun() throws Exception {
        Files.writeString(dir.resolve("cycle.yaml"), simulation("cycle", "RETAIN_ON_CANCELLATION", true));
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", "RETAIN_ON_CANCELLATION", false));
        Cli cli = Cli.in(dir);

        Cli.Result first = cli.run("run", "cycle.yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("cancelled as planned");
        Path metadata = retainedMetadata("cycle");
        for (int round = 2; round <= 3; round++) {
            Cli.Result resumed = cli.run("run", "-s", metadata.toString(), "cycle.yaml", "--reports", "reports");
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("restoring checkpoint");
            Path next = retainedMetadata("cycle");
            assertThat(next).isNotEqualTo(metadata);
            metadata = next;
        }
        // resume from the checkpoint's directory this time, as `flink run -s` also accepts
        Cli.Result last = cli.run("run", "-s", metadata.getParent().toString(), "finish.yaml", "--reports", "reports");

        assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
        assertThat(last.out()).contains("verdict:     VALID (expected equivalent): committed output and final state equal");
        assertThat(last.out()).contains("retained:    nothing");
    }

    @Test
    void deleteOnCancellationLeavesNothingToResumeFrom() throws Exception {
        Files.writeString(dir.resolve("gone.yaml"), simulation("gone", "DELETE_ON_CANCELLATION", true));
        Cli.Result run = Cli.in(dir).run("run", "gone.yaml", "--reports", "reports");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("retained:    nothing");
        try (Stream<Path> files = Files.walk(dir.resolve("reports").resolve("gone"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> !p.toString().contains("reference")).toList()).isEmpty();
        }
    }

    private Path cancelledWithRetainedCheckpoint(String name, String extraConfig) throws Exception {
        Files.writeString(dir.resolve(name + ".yaml"), simulation(name, "RETAIN_ON_CANCELLATION", true)
                .replace("config:\n", "config:\n" + extraConfig));
        Cli.Result first = Cli.in(dir).run("run", name + ".yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        return retainedMetadata(name);
    }

    @Test
    void claimModeDeletesTheRestoredCheckpointOnceSubsumedAndNoClaimNeverTouchesIt() throws Exception {
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", "NO_EXTERNALIZED_CHECKPOINTS", false));
        Path noClaim = cancelledWithRetainedCheckpoint("noclaim", "");
        Cli.Result kept = Cli.in(dir).run("run", "-s", noClaim.toString(), "finish.yaml", "--reports", "reports");
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
        assertThat(noClaim).as("NO_CLAIM never modifies or deletes the restored checkpoint").exists();

        Path claim = cancelledWithRetainedCheckpoint("claim", "");
        Cli.Result owned = Cli.in(dir).run("run", "-s", claim.toString(), "-D",
                "execution.state-recovery.claim-mode=CLAIM", "finish.yaml", "--reports", "reports");
        assertThat(owned.exitCode()).as(owned.out() + owned.err()).isZero();
        assertThat(claim.getParent()).as("CLAIM: the job owned the checkpoint and deleted it once subsumed")
                .doesNotExist();
    }

    @Test
    void aSelfContainedCheckpointCanBeMovedAndStillResumed() throws Exception {
        Path metadata = cancelledWithRetainedCheckpoint("movable", "");
        Path moved = dir.resolve("elsewhere").resolve("chk-moved");
        Files.createDirectories(moved.getParent());
        Files.move(metadata.getParent(), moved);
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", "NO_EXTERNALIZED_CHECKPOINTS", false));

        Cli.Result resumed = Cli.in(dir).run("run", "-s", moved.toString(), "finish.yaml", "--reports", "reports");

        assertThat(resumed.out()).as(resumed.err()).contains("restoring checkpoint").contains("status:      FINISHED");
    }

    @Test
    void aMissingDataFileOrACorruptMetadataFileIsNamedAndNothingRuns() throws Exception {
        // state above a 1-byte inline threshold goes to files: the checkpoint is not self-contained
        Path metadata = cancelledWithRetainedCheckpoint("files", "  execution.checkpointing.data-inline-threshold: 1 b\n");
        Path stateFile;
        try (Stream<Path> files = Files.list(metadata.getParent())) {
            stateFile = files.filter(p -> p.getFileName().toString().endsWith("-keyed")).findFirst().orElseThrow();
        }
        Files.delete(stateFile);
        Cli.Result missing = Cli.in(dir).run("run", "-s", metadata.toString(), "files.yaml", "--reports", "reports");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(stateFile.toString()).contains("missing").doesNotContain("\tat ");

        byte[] bytes = Files.readAllBytes(metadata);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(metadata, bytes);
        Cli.Result corrupt = Cli.in(dir).run("run", "-s", metadata.toString(), "files.yaml", "--reports", "reports");
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err()).contains(metadata.toString()).contains("corrupt").doesNotContain("\tat ");
    }
}
