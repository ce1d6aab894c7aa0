package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No shipped simulation can silently go wrong: every file in {@code simulations/} states its
 * expectation ({@code expect:}) and, run as shipped, meets it (exit 0, VALID against that
 * expectation), and so does every lesson in {@code simulations/lessons/}. The planned-bug demo must show
 * its bug on every seed, not only on lucky ones.
 */
class ShippedSimulationsTest {
    private static final Path SIMULATIONS = Path.of("../../simulations").toAbsolutePath().normalize();
    private static final Pattern EXPECT = Pattern.compile("(?m)^expect:\\s*(\\S+)");

    @TempDir
    Path dir;

    /** Every simulation file under {@code simulations/}, in its subfolders too (the lessons). */
    static List<Path> shippedSimulations() throws IOException {
        try (Stream<Path> files = Files.walk(SIMULATIONS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thereAreShippedSimulationsAndLessons() throws IOException {
        assertThat(shippedSimulations()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(shippedSimulations()).filteredOn(f -> f.getParent().getFileName().toString().equals("lessons"))
                .as("the lessons in simulations/lessons/ are run and held to their expectation too")
                .hasSizeGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSimulations")
    void meetsTheExpectationItStates(Path file) throws IOException {
        Matcher expect = EXPECT.matcher(Files.readString(file));
        assertThat(expect.find()).as("%s states its expectation with 'expect:'", file.getFileName()).isTrue();

        Cli.Result run = Cli.in(dir).run("run", file.toString(), "--reports", "reports");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("verdict:     VALID (expected " + expect.group(1) + ")");
        assertThat(run.out()).doesNotContain("NOT FIRED");
    }

    @Test
    void thePlantedBugShowsOnEverySeed() {
        Path file = SIMULATIONS.resolve("broken-eager-commit-sink.yaml");

        Cli.Result sweep = Cli.in(dir).run("sweep", file.toString(), "--seeds", "1..10", "--parallel", "2",
                "--reports", "reports");

        assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isZero();
        assertThat(sweep.out()).contains("outcomes:  10 valid, 0 invalid, 0 unknown, 0 not-fired");
    }
}
