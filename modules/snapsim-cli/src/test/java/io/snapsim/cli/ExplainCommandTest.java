package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapsim explain} on the folder of a deterministic run (lesson 04: the counter crashes after
 * checkpoint 1 completed and before any task heard of it): the exact lines of its key events, the
 * one-line summaries, and bad input.
 */
class ExplainCommandTest {
    private static final Path LESSON = Path.of("../../simulations/lessons/04-recovery.yaml").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    private static Path runDir;

    @BeforeAll
    static void runTheLesson() throws IOException {
        Cli.Result run = Cli.in(dir).run("run", LESSON.toString(), "--reports", "reports");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("reports").resolve("lesson-04-recovery"))) {
            runDir = runs.findFirst().orElseThrow();
        }
    }

    @Test
    void narratesACheckpointFromTriggerToRestore() {
        Cli.Result explain = Cli.in(dir).run("explain", runDir.toString(), "--checkpoint", "1");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out().lines().limit(3)).containsExactly(
                "snapsim explain: lesson-04-recovery, seed 4, exactly-once (aligned barriers)",
                "checkpoint 1 (periodic), triggered at t=7 ms in attempt 0: completed at t=18 ms in chk-1",
                "  t=7 ms  coordinator: the checkpoint interval has passed, so the coordinator triggers checkpoint 1. It tells"
                        + " the sources to record their read positions and send barrier 1 downstream, after everything they"
                        + " sent so far; acknowledgements from 8 operator subtasks will complete it.");
        assertThat(explain.out()).contains(
                "  t=9 ms  counter->sink#1: barrier 1 reached counter->sink#1 on its channel from source->tokenizer#0 first,"
                        + " after 5058 records on it; counter->sink#1 stops reading that channel until barrier 1 arrives on"
                        + " its other inputs (from source->tokenizer#1): this is alignment.\n",
                "  t=8 ms  source->tokenizer#0: source->tokenizer#0, a source, sends barrier 1 on its channel to"
                        + " counter->sink#1 after 5058 records: the records before it are covered by checkpoint 1, the"
                        + " records after it by the next one.\n",
                "  t=11 ms  counter->sink#1: barrier 1 is in on every open input of counter->sink#1 after 2 ms of alignment:"
                        + " counter->sink#1 takes its snapshot now, then forwards the barrier.\n",
                "  t=18 ms  coordinator: checkpoint 1 is complete, 11 ms after its trigger: _metadata is written in chk-1"
                        + " (full size 660 B, 660 B written by this checkpoint). From now on a failure restores to this cut;"
                        + " next the coordinator tells the tasks, so that the sinks commit.\n",
                "  t=31 ms  master: the job master redeploys the job as attempt 1, restoring checkpoint 1, the latest"
                        + " completed one: every task loads its state from it and the sources rewind to the positions it"
                        + " recorded, so the records after them are read again.\n",
                "  t=32 ms  counter->sink#1: on restore, counter->sink#1's sink commits again transaction part-1-0-0, which"
                        + " checkpoint 1 pre-committed: the commit is idempotent, and a crash between the checkpoint's"
                        + " completion and the commit must not lose it.\n",
                "  t=32 ms  source->tokenizer#0: source->tokenizer#0 restored checkpoint 1 and rewinds its source to split-0"
                        + " at record 1024, split-1 at record 1024, split-2 at record 1024 and split-3 at record 1024: the"
                        + " records from there on are read again, and since the state downstream was restored to the same"
                        + " cut, none is counted twice.\n");
        assertThat(explain.out()).as("only checkpoint 1's events").doesNotContain("barrier 2");
    }

    @Test
    void summarisesEveryCheckpointInALine() {
        Cli.Result explain = Cli.in(dir).run("explain", runDir.toString());

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out().lines()).containsExactly(
                "snapsim explain: lesson-04-recovery, seed 4, exactly-once (aligned barriers)",
                "checkpoint 1 (periodic), triggered at t=7 ms in attempt 0: completed at t=18 ms in chk-1; barriers reached"
                        + " 2 tasks, 2 alignments (longest 2 ms, counter->sink#1), 8/8 acknowledged, 2 sink commits,"
                        + " restored in attempt 1",
                "checkpoint 2 (periodic), triggered at t=36 ms in attempt 1: completed at t=50 ms in chk-2; barriers reached"
                        + " 2 tasks, 2 alignments (longest 1 ms, counter->sink#1), 8/8 acknowledged, 2 sink commits",
                "checkpoint 3 (final), triggered at t=52 ms in attempt 1: completed at t=56 ms in chk-3; barriers reached"
                        + " 2 tasks, 2 alignments (longest 1 ms, counter->sink#1), 8/8 acknowledged, 2 sink commits");
    }

    @Test
    void aCheckpointTheRunNeverTriggeredIsOneLineAndExitCodeTwo() {
        Cli.Result explain = Cli.in(dir).run("explain", runDir.toString(), "--checkpoint", "9");

        assertThat(explain.exitCode()).isEqualTo(2);
        assertThat(explain.out()).isEmpty();
        assertThat(explain.errLines()).containsExactly(
                "snapsim: --checkpoint 9: the run triggered no checkpoint 9 (it triggered 1 to 3)");
    }

    @Test
    void aFolderThatIsNotARunIsOneLineAndExitCodeTwo() throws IOException {
        Path notARun = Files.createDirectories(dir.resolve("empty"));

        Cli.Result missing = Cli.in(dir).run("explain", "no-such-folder");
        Cli.Result empty = Cli.in(dir).run("explain", notARun.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("snapsim: no-such-folder: no such run folder");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.errLines()).hasSize(1).first().asString().startsWith("snapsim: " + notARun
                + ": not a snapsim run folder");
    }
}
