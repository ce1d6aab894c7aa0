package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed command line (a bad {@code -D}, a missing or unparsable value, an unknown option, a
 * missing argument) is exactly one line on stderr naming the option and what is wrong, exit code
 * 2, nothing on stdout and nothing run: no usage screen, no doubled words.
 */
class OptionErrorsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void createASimulation() throws IOException {
        Files.writeString(dir.resolve("sim.yaml"), "job: wordcount\n");
    }

    static Stream<Arguments> malformedCommandLines() {
        return Stream.of(
                Arguments.of("run sim.yaml -D foo", "-D foo: expected key=value"),
                Arguments.of("run sim.yaml -D =x", "-D =x: expected key=value, the key is empty"),
                Arguments.of("run sim.yaml -D key=", "-D: key 'key': unknown configuration key"),
                Arguments.of("run sim.yaml -D", "-D: missing value key=value"),
                Arguments.of("run sim.yaml -D -p 2", "-D: missing value key=value"),
                Arguments.of("run sim.yaml --seed x", "--seed: 'x' is not a whole number"),
                Arguments.of("run sim.yaml --seed 1.5", "--seed: '1.5' is not a whole number"),
                Arguments.of("run sim.yaml --seed", "--seed: missing value"),
                Arguments.of("run sim.yaml -p x", "-p: 'x' is not a whole number"),
                Arguments.of("run sim.yaml --parallelism 2.5", "-p: '2.5' is not a whole number"),
                Arguments.of("run sim.yaml --faults many", "--faults: 'many' is not a whole number"),
                Arguments.of("run sim.yaml --faults", "--faults: missing value K"),
                Arguments.of("run sim.yaml -s", "-s: missing value PATH"),
                Arguments.of("run sim.yaml --reports a --reports b", "--reports: given more than once"),
                Arguments.of("run sim.yaml --bogus", "unknown option '--bogus'; see 'snapsim run --help'"),
                Arguments.of("run sim.yaml --sed 3", "unknown option '--sed'; did you mean '--seed'? see 'snapsim run --help'"),
                Arguments.of("run", "missing FILE; see 'snapsim run --help'"),
                Arguments.of("run sim.yaml other.yaml", "unexpected argument 'other.yaml'; see 'snapsim run --help'"),
                Arguments.of("sweep sim.yaml", "missing option --seeds; see 'snapsim sweep --help'"),
                Arguments.of("sweep sim.yaml --seeds 1 --parallel x", "--parallel: 'x' is not a whole number"),
                Arguments.of("sweep sim.yaml --seeds 1 --faults x", "--faults: 'x' is not a whole number"),
                Arguments.of("sweep sim.yaml --seeds 1 -D foo", "-D foo: expected key=value"),
                Arguments.of("sweep sim.yaml --seeds", "--seeds: missing value SEEDS"),
                Arguments.of("checkpoints inspect", "missing PATH; see 'snapsim checkpoints inspect --help'"),
                Arguments.of("checkpoints list", "missing DIR; see 'snapsim checkpoints list --help'"),
                Arguments.of("checkpoints list . --bogus", "unknown option '--bogus'; see 'snapsim checkpoints list --help'"),
                Arguments.of("checkpoints bogus", "unknown command 'bogus'; see 'snapsim checkpoints --help'"),
                Arguments.of("bogus", "unknown command 'bogus'; see 'snapsim --help'"),
                Arguments.of("bench --records x", "--records: 'x' is not a whole number"));
    }

    @ParameterizedTest(name = "snapsim {0}")
    @MethodSource("malformedCommandLines")
    void isOneLineNamingTheOptionAndExitsTwo(String commandLine, String expected) {
        Cli.Result result = Cli.in(dir).run(commandLine.split(" "));

        assertThat(result.exitCode()).as("exit code; err: %s", result.err()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("snapsim: " + expected);
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("reports")).as("nothing ran").doesNotExist();
    }
}
