package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.storage.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run is judged together with the output of the runs it continues, found from what the
 * restored checkpoint proves (the folder its sinks recorded in their state), not from how the
 * earlier run ended: it may have been killed before it wrote its summary, and the checkpoint may
 * have been copied elsewhere first.
 */
class ResumedRunVerdictTest {
    @TempDir
    Path dir;

    private static String simulation(String name, String execution, long records, boolean cancel) {
        return """
                name: %s
                job: running-sum
                parameters: {records: %d, keys: 500}
                parallelism: 2
                seed: 4
                execution: %s
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.num-retained: 3
                  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                """.formatted(name, records, execution) + (cancel ? "faults:\n  - cancel: {after-checkpoints: 3}\n" : "");
    }

    /** The newest {@code chk-N/_metadata} under the {@code checkpoints/} folders of the runs under {@code under}. */
    private Optional<Path> newestMetadata(Path under) throws IOException {
        if (!Files.isDirectory(under)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(under)) {
            for (Path checkpoints : runs.map(run -> run.resolve("checkpoints")).filter(Files::isDirectory).toList()) {
                Optional<Path> newest = newestIn(checkpoints);
                if (newest.isPresent()) {
                    return newest;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newestIn(Path checkpoints) {
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getParent().getFileName().toString().substring(4))));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty(); // a running job changed the folder while it was walked: look again
        }
    }

    private Cli.Result cancelThenPrepare() throws IOException {
        Files.writeString(dir.resolve("first.yaml"), simulation("first", "deterministic", 300_000, true));
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", "deterministic", 300_000, false));
        Cli.Result first = Cli.in(dir).run("run", "first.yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out()).isZero();
        return first;
    }

    @Test
    void aResumeIsJudgedWithTheEarlierOutputEvenWhenTheEarlierRunWroteNoSummary() throws IOException {
        cancelThenPrepare();
        Path metadata = newestMetadata(dir.resolve("reports/first")).orElseThrow();
        Path earlierRun = metadata.getParent().getParent().getParent().getParent();
        Files.delete(earlierRun.resolve("summary.json")); // as after a kill -9

        Cli.Result resumed = Cli.in(dir).run("run", "-s", metadata.toString(), "finish.yaml", "--reports", "reports");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("verdict:     VALID (expected equivalent): committed output and final state equal");
    }

    @Test
    void aResumeFromACheckpointCopiedElsewhereIsJudgedWithTheEarlierOutput() throws IOException {
        cancelThenPrepare();
        Path metadata = newestMetadata(dir.resolve("reports/first")).orElseThrow();
        Path copy = dir.resolve("elsewhere").resolve(metadata.getParent().getFileName());
        copyTree(metadata.getParent(), copy);

        Cli.Result resumed = Cli.in(dir).run("run", "-s", copy.toString(), "finish.yaml", "--reports", "reports");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("verdict:     VALID (expected equivalent)");
    }

    @Test
    void aResumeWhoseEarlierOutputIsGoneIsRefusedBeforeAnythingRuns() throws IOException {
        cancelThenPrepare();
        Path metadata = newestMetadata(dir.resolve("reports/first")).orElseThrow();
        Path earlierRun = metadata.getParent().getParent().getParent().getParent();
        FileTrees.deleteRecursively(earlierRun.resolve("output"));

        Cli.Result resumed = Cli.in(dir).run("run", "-s", metadata.toString(), "finish.yaml", "--reports", "reports");

        assertThat(resumed.exitCode()).isEqualTo(2);
        assertThat(resumed.errLines()).containsExactly("snapsim: " + metadata + ": the snapshot's sink wrote to "
                + earlierRun.resolve("output") + ", which is gone: resuming needs its pending transactions, and judging"
                + " the run needs what it committed");
        assertThat(resumed.out()).doesNotContain("verdict:");
    }

    /**
     * The real thing: the first run is a separate process killed with SIGKILL once a checkpoint is
     * on disk, so it never writes its summary and leaves in-progress sink files behind.
     */
    @Test
    void aResumeAfterTheEarlierProcessWasKilledIsValid() throws Exception {
        Files.writeString(dir.resolve("killed.yaml"), simulation("killed", "live", 3_000_000, false));
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", "live", 3_000_000, false));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), SnapsimCommand.class.getName(),
                "run", "killed.yaml", "--reports", "reports"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Optional<Path> metadata = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try {
            while (metadata.isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                metadata = newestMetadata(dir.resolve("reports/killed"));
            }
        } finally {
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(metadata).as("a checkpoint on disk before the run ended: %s",
                Files.readString(dir.resolve("killed.log"))).isPresent();
        Path killedRun = metadata.get().getParent().getParent().getParent().getParent();
        assertThat(killedRun.resolve("summary.json")).as("the process was killed before its summary").doesNotExist();
        Path resumeFrom = newestIn(killedRun.resolve("checkpoints")).orElseThrow();

        Cli.Result resumed = Cli.in(dir).run("run", "-s", resumeFrom.toString(), "finish.yaml", "--reports", "reports");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("verdict:     VALID (expected equivalent)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
