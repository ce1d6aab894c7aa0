package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The max parallelism (number of key groups) as Flink sets it: derived from each operator's
 * parallelism unless {@code pipeline.max-parallelism} or the job's code sets it, and never changed
 * across a restore.
 */
class MaxParallelismTest {
    @TempDir
    Path dir;

    private static final String SIMULATION = """
            name: %s
            job: running-sum
            parameters: {records: %d, keys: 1000}
            parallelism: 2
            seed: 5
            execution: deterministic
            sink: transactional
            expect: equivalent
            config:
              execution.checkpointing.interval: 5 ms
              execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
            """;

    private Path simulation(String name, int records, String faults) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), SIMULATION.formatted(name, records) + faults);
    }

    private static Path retainedMetadata(Cli.Result result) {
        Matcher m = Pattern.compile("retained:    (\\S+_metadata)").matcher(result.out());
        assertThat(m.find()).as(result.out()).isTrue();
        return Path.of(m.group(1));
    }

    /** The "max parallelism N" of operator {@code uid} in {@code checkpoints inspect}'s output. */
    private static int inspectedMaxParallelism(String inspect, String uid) {
        Matcher m = Pattern.compile("operator " + uid + " \\(.*\\): parallelism \\d+, max parallelism (\\d+)").matcher(inspect);
        assertThat(m.find()).as(inspect).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void parallelism250RunsWithTheMaxParallelismDerivedFromIt() throws Exception {
        simulation("wide", 20_000, "faults:\n  - cancel: {after-checkpoints: 1}\n");

        Cli.Result result = Cli.in(dir).run("run", "wide.yaml", "-p", "250");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        Cli.Result inspect = Cli.in(dir).run("checkpoints", "inspect", retainedMetadata(result).toString());
        assertThat(inspectedMaxParallelism(inspect.out(), "sum")).as("375 rounded up to a power of two").isEqualTo(512);
    }

    @Test
    void aConfiguredMaxParallelismShowsInTheConfigurationAndInTheMetadata() throws Exception {
        simulation("configured", 20_000, "faults:\n  - cancel: {after-checkpoints: 1}\n");
        Cli cli = Cli.in(dir);

        Cli.Result shown = cli.run("run", "configured.yaml", "--show-config", "-D", "pipeline.max-parallelism=1024");
        assertThat(shown.out()).containsPattern("(?m)^pipeline\\.max-parallelism\\s+1024\\s+-D$");
        Cli.Result run = cli.run("run", "configured.yaml", "-p", "250", "-D", "pipeline.max-parallelism=1024");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String inspect = cli.run("checkpoints", "inspect", retainedMetadata(run).toString()).out();
        assertThat(inspectedMaxParallelism(inspect, "sum")).isEqualTo(1024);
        assertThat(inspectedMaxParallelism(inspect, "source")).isEqualTo(1024);
    }

    @Test
    void aParallelismAboveTheConfiguredMaxParallelismIsRefusedNamingTheKey() throws Exception {
        simulation("narrow", 20_000, "");

        Cli.Result run = Cli.in(dir).run("run", "narrow.yaml", "-p", "250", "-D", "pipeline.max-parallelism=128");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("parallelism 250 exceeds max parallelism 128")
                .contains("set pipeline.max-parallelism").doesNotContain("\tat ");
    }

    @Test
    void aResumeKeepsTheSnapshotsMaxParallelismAndRefusesToChangeIt() throws Exception {
        simulation("first", 300_000, "faults:\n  - cancel: {after-checkpoints: 2}\n");
        simulation("finish", 300_000, "");
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "first.yaml");
        Path checkpoint = retainedMetadata(first);

        Cli.Result changed = cli.run("run", "-s", checkpoint.toString(), "finish.yaml",
                "-D", "pipeline.max-parallelism=1024");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.errLines()).hasSize(1);
        assertThat(changed.err()).contains("operator 'sum' has max parallelism 1024")
                .contains("taken with max parallelism 128").contains("set pipeline.max-parallelism to 128");

        Cli.Result resumed = cli.run("run", "-s", checkpoint.toString(), "finish.yaml");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("verdict:     VALID");
    }

    /** A derived max parallelism (256 at parallelism 100) takes the savepoint's 128, as in Flink. */
    @Test
    void aSavepointRescaledToParallelism100KeepsMaxParallelism128AndBeyondItIsRefused() throws Exception {
        simulation("stop", 300_000, "faults:\n  - savepoint: {after-checkpoints: 2, stop: true}\n");
        simulation("finish", 300_000, "");
        Cli cli = Cli.in(dir);
        Cli.Result stopped = cli.run("run", "stop.yaml");
        Matcher m = Pattern.compile("savepoint \\d+ completed: (\\S+_metadata)").matcher(stopped.out());
        assertThat(m.find()).as(stopped.out()).isTrue();
        String savepoint = m.group(1);

        Cli.Result wide = cli.run("run", "-s", savepoint, "-p", "100", "finish.yaml");
        assertThat(wide.exitCode()).as(wide.out() + wide.err()).isZero();
        assertThat(wide.out()).contains("verdict:     VALID");

        Cli.Result tooWide = cli.run("run", "-s", savepoint, "-p", "250", "finish.yaml");
        assertThat(tooWide.exitCode()).isEqualTo(2);
        assertThat(tooWide.errLines()).hasSize(1);
        assertThat(tooWide.err()).contains("operator 'sum' runs at parallelism 250, above the max parallelism 128");
    }
}
