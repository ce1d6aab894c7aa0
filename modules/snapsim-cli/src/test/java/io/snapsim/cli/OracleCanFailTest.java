package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker must be able to fail. A deliberately broken sink (it commits at pre-commit) under
 * random fault plans: a sweep must find a seed whose run is INVALID, print the command that replays
 * it, and --shrink must reduce that seed's plan to a smaller one that still fails when replayed.
 */
class OracleCanFailTest {
    @TempDir
    Path dir;

    @Test
    void aSweepFindsTheBrokenSinkAndTheShrunkPlanStillFails() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                job: running-sum
                parameters: {records: 100000, keys: 200}
                parallelism: 2
                execution: deterministic
                sink: eager-commit
                expect: equivalent
                config:
                  execution.checkpointing.interval: 10 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 10
                  restart-strategy.fixed-delay.delay: 5 ms
                faults:
                  - random: {count: 3, kinds: [crash, crash-at]}
                """);
        Cli cli = Cli.in(dir);

        Cli.Result sweep = cli.run("sweep", "broken.yaml", "--seeds", "1..12", "--parallel", "2", "--reports", "reports");

        assertThat(sweep.exitCode()).as(sweep.out() + sweep.err()).isEqualTo(1);
        Matcher replay = Pattern.compile("scripts/snapsim run broken.yaml --seed (\\d+)").matcher(sweep.out() + sweep.err());
        assertThat(replay.find()).as("a replay command for a failing seed: " + sweep.out()).isTrue();
        String seed = replay.group(1);

        Cli.Result shrunk = cli.run("run", "broken.yaml", "--seed", seed, "--shrink", "--reports", "reports");
        assertThat(shrunk.exitCode()).as(shrunk.out() + shrunk.err()).isEqualTo(1);
        Matcher plan = Pattern.compile("--faults-from (\\S+)").matcher(shrunk.out());
        assertThat(plan.find()).as("the shrunk plan's replay command: " + shrunk.out()).isTrue();
        Path planFile = dir.resolve(plan.group(1));
        String planYaml = Files.readString(planFile);
        assertThat(planYaml.split("\n- |\n  - ").length - 1).as("the shrunk plan is no larger than the drawn one: %s", planYaml)
                .isBetween(1, 3);

        Cli.Result replayed = cli.run("run", "broken.yaml", "--seed", seed, "--faults-from", plan.group(1),
                "--reports", "reports");
        assertThat(replayed.exitCode()).as("the shrunk plan still fails: " + replayed.out()).isEqualTo(1);
        assertThat(replayed.out()).contains("verdict:     INVALID");

        // the same plan with the correct two-phase-commit sink passes: the failure was the planted bug
        Files.writeString(dir.resolve("fixed.yaml"), Files.readString(dir.resolve("broken.yaml"))
                .replace("name: broken", "name: fixed").replace("sink: eager-commit", "sink: transactional"));
        Cli.Result fixed = cli.run("run", "fixed.yaml", "--seed", seed, "--faults-from", plan.group(1),
                "--reports", "reports");
        assertThat(fixed.exitCode()).as(fixed.out()).isEqualTo(0);
    }
}
