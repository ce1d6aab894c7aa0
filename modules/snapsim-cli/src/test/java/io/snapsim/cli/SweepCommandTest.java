package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code snapsim sweep} end to end on a tiny deterministic word count. Only crash faults, which the
 * runtime injects today.
 */
class SweepCommandTest {

    private static final String TINY = """
            name: tiny
            job: wordcount
            parameters: {records: 2000, vocabulary: 20}
            parallelism: 2
            execution: deterministic
            config:
              execution.checkpointing.interval: 5 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 5
              restart-strategy.fixed-delay.delay: 1 ms
            """;

    @TempDir
    Path workingDir;

    @BeforeEach
    void writeSimulations() throws IOException {
        Files.writeString(workingDir.resolve("tiny.yaml"), TINY + "faults:\n  - random: {count: 2, kinds: [crash]}\n");
        // A plain sink shows the records replayed after a crash twice: every run with a crash is INVALID.
        Files.writeString(workingDir.resolve("plain.yaml"), TINY.replace("name: tiny", "name: plain") + """
                sink: plain
                faults:
                  - crash: {operator: counter, subtask: 0, at-record: 300}
                """);
    }

    private Path sweepDir(String simulation) throws IOException {
        try (Stream<Path> sweeps = Files.list(workingDir.resolve("reports").resolve(simulation))) {
            return sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
        }
    }

    @Test
    void runsEverySeedIntoItsOwnFolderAndSummarises() throws IOException {
        Cli.Result result = Cli.in(workingDir).run("sweep", "tiny.yaml", "--seeds", "1..3", "--parallel", "2",
                "--keep-all", "--reports", workingDir.resolve("reports").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(0);
        assertThat(result.out())
                .contains("snapsim: sweeping tiny (tiny.yaml) over 3 seed(s), 2 at a time; random faults drawn from each seed")
                .contains("outcomes:  3 valid, 0 invalid, 0 unknown, 0 not-fired, 0 unrecoverable (of 3 seeds)")
                .containsPattern("time:      \\d+:\\d\\d wall, \\d+\\.\\d\\d runs/s")
                .contains("runs:      reports/tiny/sweep-")
                .doesNotContain("replay");
        assertThat(result.err()).as("not a terminal: a line per tenth, never a carriage return").doesNotContain("\r")
                .endsWith("[####################] 3/3  valid 3  invalid 0  unknown 0  eta 0:00\n");
        Path sweep = sweepDir("tiny");
        for (int seed = 1; seed <= 3; seed++) {
            Path run = sweep.resolve("seed-" + seed);
            assertThat(run.resolve("summary.json")).exists();
            assertThat(run.resolve("history.jsonl")).exists();
            assertThat(Files.readString(run.resolve("plan.yaml"))).startsWith("faults:\n  - crash: {operator: ");
        }
        assertThat(Files.readString(sweep.resolve("sweep.json"))).contains("\"VALID\" : 3", "\"seed\" : 3");
    }

    @Test
    void aSeedRunAloneDrawsTheSamePlanAndReplaysTheSameHistory() throws IOException {
        Cli.Result sweep = Cli.in(workingDir).run("sweep", "tiny.yaml", "--seeds", "2,5", "--parallel", "2", "--keep-all");
        Cli.Result alone = Cli.in(workingDir).run("run", "tiny.yaml", "--seed", "5");

        assertThat(sweep.exitCode()).as(sweep.out()).isEqualTo(0);
        assertThat(alone.exitCode()).as(alone.out()).isEqualTo(0);
        Path fromSweep = sweepDir("tiny").resolve("seed-5");
        Path runAlone;
        try (Stream<Path> runs = Files.list(workingDir.resolve("reports").resolve("tiny"))) {
            runAlone = runs.filter(p -> p.getFileName().toString().endsWith("-seed5")).findFirst().orElseThrow();
        }
        assertThat(alone.out()).contains("faults drawn from seed 5:\n  faults:\n    - crash: {");
        assertThat(runAlone.resolve("plan.yaml")).hasSameTextualContentAs(fromSweep.resolve("plan.yaml"));
        assertThat(Files.readAllBytes(runAlone.resolve("history.jsonl")))
                .isEqualTo(Files.readAllBytes(fromSweep.resolve("history.jsonl")));
    }

    @Test
    void listsTheFailingSeedsWithTheCommandThatReplaysEachAndExitsOne() {
        Cli.Result result = Cli.in(workingDir).run("sweep", "plain.yaml", "--seeds", "4,2", "--parallel", "1");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("the simulation's 1 fixed fault(s) in every seed (the seed varies the interleaving and the data)")
                .containsPattern("seed 4: INVALID: \\d+ duplicates \\(expected equivalent\\)")
                .contains("outcomes:  0 valid, 2 invalid, 0 unknown, 0 not-fired, 0 unrecoverable (of 2 seeds)")
                .contains("replay the failing seeds:\n"
                        + "  seed 2 (INVALID): scripts/snapsim run plain.yaml --seed 2\n"
                        + "  seed 4 (INVALID): scripts/snapsim run plain.yaml --seed 4\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1..x", "", "5..1", "1,,3", "-2"})
    void badSeedsExitTwoWithOneLine(String seeds) {
        Cli.Result result = Cli.in(workingDir).run("sweep", "tiny.yaml", "--seeds", seeds);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1).first().asString().startsWith("snapsim: --seeds '" + seeds + "': ");
        assertThat(result.out()).isEmpty();
        assertThat(workingDir.resolve("reports")).doesNotExist();
    }

    @Test
    void badOptionsAndFilesExitTwoWithOneLine() throws IOException {
        Files.writeString(workingDir.resolve("bad.yaml"), "job: wordcount\nfaults:\n  - random: {count: 0}\n");
        for (List<String> args : List.of(
                List.of("sweep", "tiny.yaml", "--seeds", "1", "--parallel", "0"),
                List.of("sweep", "tiny.yaml", "--seeds", "1", "--faults", "0"),
                List.of("sweep", "missing.yaml", "--seeds", "1"),
                List.of("sweep", "bad.yaml", "--seeds", "1"))) {
            Cli.Result result = Cli.in(workingDir).run(args.toArray(String[]::new));

            assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
            assertThat(result.errLines()).as("%s", args).hasSize(1).first().asString().startsWith("snapsim: ");
        }
        assertThat(workingDir.resolve("reports")).doesNotExist();
    }

    @Test
    void keepsTheFoldersOfTheSeedsThatDidNotPassOnly() throws IOException {
        Files.writeString(workingDir.resolve("mixed.yaml"), TINY.replace("name: tiny", "name: mixed") + """
                faults:
                  - crash: {operator: counter, subtask: 0, at-record: 1000}
                """);
        // around a thousand words reach each counter subtask: the crash fires in some seeds and not in others
        Cli.Result result = Cli.in(workingDir).run("sweep", "mixed.yaml", "--seeds", "1..4", "--parallel", "2");

        Path sweep = sweepDir("mixed");
        try (Stream<Path> kept = Files.list(sweep)) {
            List<String> folders = kept.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seed-")).sorted().toList();
            List<String> failing = result.out().lines().filter(l -> l.matches("seed \\d+: .*"))
                    .map(l -> "seed-" + l.substring(5, l.indexOf(':'))).sorted().toList();
            assertThat(folders).isEqualTo(failing);
            assertThat(failing).as("some seeds fail and some pass: %s", result.out()).isNotEmpty().hasSizeLessThan(4);
        }
        assertThat(Files.readString(sweep.resolve("sweep.json"))).contains("\"keepAll\" : false");
    }

    @Test
    void aPassingSeedsFolderIsRemovedUnlessKeepAll() throws IOException {
        Cli.Result removed = Cli.in(workingDir).run("sweep", "tiny.yaml", "--seeds", "1..2", "--parallel", "2");

        assertThat(removed.exitCode()).as(removed.out()).isZero();
        assertThat(removed.out()).contains("(folders of the seeds that did not pass; --keep-all keeps them all)");
        try (Stream<Path> kept = Files.list(sweepDir("tiny"))) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("sweep.json", "sweep.jsonl", "sweep.html");
        }
    }

    @Test
    void refusesFaultsForAFixedFaultListWithAMessage() {
        Cli.Result result = Cli.in(workingDir).run("sweep", "plain.yaml", "--seeds", "1..2", "--faults", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("snapsim: --faults 3: " + workingDir.resolve("plain.yaml")
                + " plans 1 fixed fault(s) and no"
                + " 'random' item, so there is nothing to draw; --faults sets how many faults each 'random' item draws"
                + " (add '- random: {count: 3}' under faults:, or leave out --faults)");
    }

    @Test
    void printsALinePerTenthOfTheSeedsWhenStderrIsNoTerminal() {
        Cli.Result result = Cli.in(workingDir).run("sweep", "tiny.yaml", "--seeds", "1..20", "--parallel", "2");

        assertThat(result.err()).doesNotContain("\r");
        assertThat(result.errLines()).hasSize(11).first().asString().startsWith("[....................] 0/20");
        assertThat(result.errLines()).last().asString().startsWith("[####################] 20/20");
    }

    @Test
    void helpSaysAFixedFaultListIsRunAsItIs() {
        Cli.Result help = Cli.in(workingDir).run("sweep", "--help");

        assertThat(help.out()).contains("a fixed fault", "list is run as it is").contains("--keep-all");
    }
}
