package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunShowConfigTest {

    @TempDir
    Path workingDir;

    Path simulation;

    @BeforeEach
    void writeSimulation() throws IOException {
        simulation = Files.writeString(workingDir.resolve("sim.yaml"), """
                name: show-config
                job: wordcount
                parameters: {records: 100}
                config:
                  execution.checkpointing.num-retained: 4
                  execution.checkpointing.min-pause: 200 ms
                """);
    }

    private Path globalFile(String dir, String content) throws IOException {
        Path file = workingDir.resolve(dir).resolve("config.yaml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** The table row of {@code key}: key, value and origin separated by runs of spaces. */
    private static Pattern row(String key, String value, String origin) {
        return Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s+" + Pattern.quote(value) + "\\s+" + Pattern.quote(origin) + "$");
    }

    @Test
    void showsEachOptionsEffectiveValueAndOriginAcrossTheGlobalFileDashDAndTheSimulation() throws IOException {
        Path global = globalFile("etc", """
                execution.checkpointing.interval: 10 s
                execution.checkpointing.timeout: 5 min
                execution.checkpointing.num-retained: 2
                state.checkpoints.dir: file:///tmp/checkpoints/
                """);

        Cli.Result result = Cli.in(workingDir).withEnvironment(Map.of("SNAPSIM_CONF_DIR", global.getParent().toString()))
                .run("run", "--show-config",
                        "-D", "execution.checkpointing.timeout=2 min",
                        "-D", "execution.checkpointing.num-retained=3",
                        simulation.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .contains("global file:   " + global)
                .containsPattern(row("execution.checkpointing.interval", "10 s", global.toString()))
                .containsPattern(row("execution.checkpointing.dir", "file:///tmp/checkpoints/",
                        global + " (as state.checkpoints.dir)"))
                .containsPattern(row("execution.checkpointing.timeout", "2 min", "-D"))
                .containsPattern(row("execution.checkpointing.num-retained", "4", simulation.toString()))
                .containsPattern(row("execution.checkpointing.min-pause", "200 ms", simulation.toString()))
                .containsPattern(row("execution.checkpointing.max-concurrent-checkpoints", "1", "default"))
                .doesNotContain("verdict");
        assertThat(workingDir.resolve("reports")).doesNotExist();
    }

    @Test
    void findsTheGlobalFileUnderConfAndShowsDefaultsWithoutOne() throws IOException {
        Cli.Result without = Cli.in(workingDir).run("run", "--show-config", simulation.toString());

        assertThat(without.exitCode()).isEqualTo(0);
        assertThat(without.out()).contains("global file:   (none: no ")
                .containsPattern(row("execution.checkpointing.timeout", "10 min", "default"));

        Path global = globalFile("conf", "execution.checkpointing.timeout: 3 min\n");
        Cli.Result with = Cli.in(workingDir).run("run", "--show-config", simulation.toString());

        assertThat(with.exitCode()).isEqualTo(0);
        assertThat(with.out()).containsPattern(row("execution.checkpointing.timeout", "3 min", global.toString()));
    }

    @Test
    void restorePathFromDashSIsShownWithItsOrigin() throws IOException {
        Cli.Result result = Cli.in(workingDir).run("run", "--show-config", "-s", "file:///tmp/cp/job/chk-3", simulation.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).containsPattern(row("execution.state-recovery.path", "file:///tmp/cp/job/chk-3", "run -s"));
    }

    @Test
    void anUnknownKeyInTheGlobalFileIsOneLineNamingTheFileAndExitCode2() throws IOException {
        Path global = globalFile("conf", "execution.checkpointing.intreval: 10 s\n");

        Cli.Result result = Cli.in(workingDir).run("run", "--show-config", simulation.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("snapsim: " + global + ": key 'execution.checkpointing.intreval'")
                .contains("did you mean 'execution.checkpointing.interval'");
    }

    @Test
    void aSnapsimConfDirWithoutAFileIsOneLineAndExitCode2() throws IOException {
        Path empty = Files.createDirectories(workingDir.resolve("empty"));

        Cli.Result result = Cli.in(workingDir).withEnvironment(Map.of("SNAPSIM_CONF_DIR", empty.toString()))
                .run("run", "--show-config", simulation.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("snapsim: SNAPSIM_CONF_DIR=" + empty);
    }

    @Test
    void aCheckpointDirectoryOnAnotherFileSystemFromDashDIsRefused() {
        Cli.Result result = Cli.in(workingDir)
                .run("run", "--show-config", "-D", "state.checkpoints.dir=hdfs:///checkpoints/", simulation.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("snapsim: -D: key 'state.checkpoints.dir': bad value 'hdfs:///checkpoints/'");
    }
}
