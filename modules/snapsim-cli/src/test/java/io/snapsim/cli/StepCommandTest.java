package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapsim step} with its commands piped in: the exact transcript, back, the fault, the run folder. */
class StepCommandTest {
    private static final Path LESSONS = Path.of("../../simulations/lessons").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Steps a copy of the lesson, named relative to the working directory so that the transcript does not depend on where it lies. */
    private Cli.Result step(String input, String lesson) {
        try {
            Files.createDirectories(dir.resolve("lessons"));
            Files.copy(LESSONS.resolve(lesson), dir.resolve("lessons").resolve(lesson), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Cli.in(dir).runWithInput(input, "step", "lessons/" + lesson, "--reports", "reports");
    }

    /** The transcript with what changes from run to run masked: the run folder's time stamp. */
    private static String masked(String out) {
        return out.replaceAll("\\d{8}-\\d{6}-seed", "RUN-seed");
    }

    @Test
    void printsEachEventWithItsExplanationAndObeysEveryCommand() throws IOException {
        Cli.Result run = step("n\nn\nc\nf\ns counter#1\nb\nq\n", "04-recovery.yaml");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(masked(run.out())).isEqualTo(Files.readString(Path.of("src/test/resources/step-04-recovery.txt")));
    }

    @Test
    void backReplaysFromTheSeedAndShowsTheSameEventAsBefore() throws IOException {
        Cli.Result run = step("n\nn\nb\nq\n", "04-recovery.yaml");

        List<String> lines = run.out().lines().toList();
        String second = lines.get(lines.indexOf("step> n") + 1);
        int back = lines.indexOf("step> b");
        assertThat(second).startsWith("[2] ");
        assertThat(lines.get(back + 1)).isEqualTo("back: replayed from seed 4 to step 2; all 2 events are the same as before");
        assertThat(lines.get(back + 2)).as("the event of step 2, again").isEqualTo(second);
        assertThat(lines.get(back + 3)).isEqualTo(lines.get(lines.indexOf(second) + 1));
        Path runDir = onlyRunFolder();
        assertThat(Files.readAllLines(runDir.resolve("history.jsonl")).get(2))
                .as("what step 2 showed is the run's second event").contains("\"type\":\"deploy\"");
    }

    @Test
    void runsToTheFaultAndLeavesTheRunFolderOfTheWholeRun() throws IOException {
        Cli.Result run = step("f\nq\n", "04-recovery.yaml");

        List<String> lines = run.out().lines().toList();
        String fault = lines.stream().filter(l -> l.matches("\\[\\d+] .*")).reduce((a, b) -> b).orElseThrow();
        assertThat(fault).contains("fault-injected").contains("kind=crash").contains("counter->sink#1");
        int step = Integer.parseInt(fault.substring(1, fault.indexOf(']')));
        Path runDir = onlyRunFolder();
        List<String> history = Files.readAllLines(runDir.resolve("history.jsonl"));
        assertThat(history.get(step)).as("the fault is the event of its step in history.jsonl")
                .contains("\"type\":\"fault-injected\"");
        assertThat(history).anyMatch(l -> l.contains("\"type\":\"job-ended\"") && l.contains("\"finished\""));
        assertThat(runDir.resolve("summary.json")).exists();
        assertThat(run.out()).contains("the run ended after " + (history.size() - 1) + " events: VALID");
    }

    @Test
    void refusesAnUnknownCommandAndAnUnknownSubtaskWithoutMovingOn() {
        Cli.Result run = step("x\ns nosuch#9\ns\nq\n", "01-why-barriers.yaml");

        assertThat(run.out()).contains("step> x\nunknown command 'x'; h lists the commands\n")
                .contains("step> s nosuch#9\nno subtask 'nosuch#9' so far; the subtasks are: none yet\n")
                .contains("step> s\ns needs a subtask's name, such as sum#0; none is deployed yet\n");
        assertThat(run.out().lines().filter(l -> l.startsWith("[")).toList()).singleElement().asString()
                .startsWith("[1] t=0 ms  master  job-graph  job=running-sum vertices=[");
    }

    @Test
    void aLiveSimulationIsSteppedDeterministicallyWithANote() {
        Cli.Result run = Cli.in(dir).runWithInput("q\n", "step", LESSONS.resolve("../wordcount.yaml").normalize().toString(),
                "--reports", "reports", "-D", "execution.checkpointing.interval=5 ms");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("runs live; step runs it deterministically (one thread, virtual time), the only way"
                + " to hold a run between two events");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Cli.Result run = Cli.in(dir).runWithInput("q\n", "step", "no-such.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("snapsim: " + dir.resolve("no-such.yaml") + ": no such file");
    }

    private Path onlyRunFolder() throws IOException {
        try (Stream<Path> sims = Files.list(dir.resolve("reports")); Stream<Path> runs = Files.list(sims.findFirst().orElseThrow())) {
            List<Path> folders = runs.toList();
            assertThat(folders).as("back replays into the same folder; one run folder is left").hasSize(1);
            return folders.get(0);
        }
    }
}
