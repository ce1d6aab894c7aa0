package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapsim run} with plans drawn from the seed, read from a plan file, and shrunk. */
class RunFaultPlanTest {

    private static final String TINY = """
            job: wordcount
            parameters: {records: 2000, vocabulary: 20}
            parallelism: 2
            config:
              execution.checkpointing.interval: 5 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 5
              restart-strategy.fixed-delay.delay: 1 ms
            """;

    @TempDir
    Path workingDir;

    @Test
    void shrinksAFailingPlanAndPrintsItWithTheCommandThatReplaysIt() throws IOException {
        // Exactly-once recovery equals the failure-free run, so expecting a divergence fails with any plan.
        Files.writeString(workingDir.resolve("diverge.yaml"), TINY + """
                expect: divergence
                faults:
                  - crash: {operator: counter, subtask: 0, at-record: 300}
                  - crash: {operator: tokenizer, subtask: 1, at-record: 50}
                """);

        Cli.Result result = Cli.in(workingDir).run("run", "diverge.yaml", "--seed", "3", "--shrink");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("shrink:      re-running seed 3 with smaller plans until no fault can go (a re-run fails when"
                        + " it is INVALID)")
                .contains("    1   1 fault(s)  INVALID  still fails")
                .contains("smallest plan that is still INVALID (0 of 2 fault(s), 2 re-run(s); the run is INVALID"
                        + " without any fault):\n  faults: []\n");
        Matcher replay = Pattern.compile("replay:      (scripts/snapsim run diverge.yaml --seed 3 --faults-from (\\S+))")
                .matcher(result.out());
        assertThat(replay.find()).isTrue();
        Path plan = workingDir.resolve(replay.group(2));
        assertThat(plan).hasContent("faults: []");
        assertThat(plan.resolveSibling("shrink-001").resolve("summary.json")).exists();
        assertThat(plan.resolveSibling("shrink-002").resolve("summary.json")).exists();

        Cli.Result replayed = Cli.in(workingDir).run("run", "diverge.yaml", "--seed", "3", "--faults-from", replay.group(2));
        assertThat(replayed.exitCode()).isEqualTo(1);
        assertThat(replayed.out()).contains("run:       'wordcount' with 0 planned fault(s)");
    }

    @Test
    void hasNothingToShrinkWhenTheRunIsValid() throws IOException {
        Files.writeString(workingDir.resolve("ok.yaml"), TINY + "faults:\n  - crash: {operator: counter, subtask: 1, at-record: 10}\n");

        Cli.Result result = Cli.in(workingDir).run("run", "ok.yaml", "--shrink");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(0);
        assertThat(result.out()).contains("shrink:      nothing to shrink, the run is VALID").doesNotContain("shrink-001");
    }

    @Test
    void injectsThePlanOfAPlanFileInsteadOfTheSimulations() throws IOException {
        Files.writeString(workingDir.resolve("none.yaml"), TINY);

        Path planFile = Files.writeString(workingDir.resolve("plan.yaml"), "faults:\n  - crash: {operator: sink, subtask: 1,"
                + " at-record: 3}\n");
        Cli.Result fromFile = Cli.in(workingDir).run("run", "none.yaml", "--faults-from", planFile.toString());
        assertThat(fromFile.exitCode()).as(fromFile.out()).isEqualTo(0);
        assertThat(fromFile.out()).contains("run:       'wordcount' with 1 planned fault(s)").doesNotContain("faults drawn");
    }

    @Test
    void refusesABadPlanFileWithOneLine() throws IOException {
        Files.writeString(workingDir.resolve("none.yaml"), TINY);
        Files.writeString(workingDir.resolve("plan.yaml"), "faults:\n  - crash: {operator: sink, subtask: 9, at-record: 3}\n");

        Cli.Result result = Cli.in(workingDir).run("run", "none.yaml", "--faults-from", "plan.yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("snapsim: " + workingDir.resolve("plan.yaml")
                + ": key 'faults[0].crash.subtask': subtask 9 does not exist at parallelism 2 (subtasks are 0..1)");
    }
}
