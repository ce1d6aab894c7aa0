package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapsim check RUN_DIR} judges a run from its folder alone: it agrees with {@code run} on an
 * untouched folder, prints the same summary, and turns INVALID when a committed output file is
 * edited afterwards; a folder that is no run's, or whose history is damaged, is bad input (exit 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCommandTest {
    private Path dir;
    private Cli cli;
    private Cli.Result run;
    private Path runDir;

    @BeforeAll
    void runAValidSimulation(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Files.writeString(dir.resolve("crash.yaml"), """
                name: crash
                job: running-sum
                parameters: {records: 20000, keys: 100}
                parallelism: 2
                seed: 5
                execution: deterministic
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 3
                  restart-strategy.fixed-delay.delay: 5 ms
                faults:
                  - crash: {operator: sum, subtask: 1, at-record: 4000}
                """);
        cli = Cli.in(dir);
        run = cli.run("run", "crash.yaml", "--reports", "reports");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher report = Pattern.compile("report: +(\\S+)/index.html").matcher(run.out());
        assertThat(report.find()).as(run.out()).isTrue();
        runDir = Path.of(report.group(1));
    }

    @Test
    void anUntouchedFolderGetsTheVerdictAndSummaryRunPrinted() {
        Cli.Result check = cli.run("check", runDir.toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(summaryLines(check.out())).isEqualTo(summaryLines(run.out()));
        assertThat(check.out()).contains("verdict:     VALID").contains("recorded:    summary.json says VALID too");
    }

    @Test
    void editingACommittedOutputFileTurnsTheVerdictInvalid() throws IOException {
        Path copy = copyOfRun("edited");
        Path part = firstNonEmptyPart(copy.resolve("output"));
        List<String> lines = Files.readAllLines(part);
        Files.write(part, lines.subList(1, lines.size())); // one committed record is gone

        Cli.Result check = cli.run("check", copy.toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(1);
        assertThat(check.out()).contains("1 lost").contains("missing: " + lines.get(0))
                .contains("verdict:     INVALID (expected equivalent)")
                .contains("summary.json says VALID, but the folder now says INVALID");
    }

    @Test
    void aChangedFinalStateTurnsTheVerdictInvalid() throws IOException {
        Path copy = copyOfRun("state");
        Path state = copy.resolve("final-state.json");
        Matcher value = Pattern.compile("\"(\\d+)\" : \"(\\d+)\"").matcher(Files.readString(state));
        assertThat(value.find()).isTrue();
        Files.writeString(state, Files.readString(state).replaceFirst(Pattern.quote(value.group()),
                "\"" + value.group(1) + "\" : \"" + (Long.parseLong(value.group(2)) + 1) + "\""));

        Cli.Result check = cli.run("check", copy.toString());

        assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains("final state different");
    }

    @Test
    void aFolderThatIsNoRunsIsBadInput() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        Cli.Result empty = cli.run("check", "empty");
        Cli.Result missing = cli.run("check", "no-such-folder");

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("empty: not a snapsim run folder: it has no run.json").doesNotContain("Exception");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such-folder: no such run folder");
    }

    @Test
    void aDamagedHistoryIsBadInputNamingTheFile() throws IOException {
        Path copy = copyOfRun("damaged");
        Files.writeString(copy.resolve("history.jsonl"), "{\"not\":\"a history\"}\n");

        Cli.Result check = cli.run("check", copy.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains(copy.resolve("history.jsonl") + ": not a snapsim history");
    }

    /** The lines of a printed summary from the status line to the verdict (run's own progress lines left out). */
    private static List<String> summaryLines(String out) {
        List<String> lines = out.lines().toList();
        int from = lines.indexOf(lines.stream().filter(l -> l.startsWith("status:")).findFirst().orElseThrow());
        int to = lines.indexOf(lines.stream().filter(l -> l.startsWith("verdict:")).findFirst().orElseThrow());
        return lines.subList(from, to + 1);
    }

    private Path copyOfRun(String name) throws IOException {
        Path copy = dir.resolve("copies").resolve(name);
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(runDir.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static Path firstNonEmptyPart(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("part-"))
                    .filter(f -> f.toFile().length() > 0).sorted().findFirst().orElseThrow();
        }
    }
}
