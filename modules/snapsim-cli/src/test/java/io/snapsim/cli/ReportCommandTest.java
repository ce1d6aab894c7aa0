package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapsim report RUN_DIR}: renders the report again from the folder alone, byte for byte as
 * the run wrote it for a deterministic run, changing nothing else; bad input is one line and exit 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    Path dir;
    Path runDir;

    @BeforeAll
    void run(@TempDir Path dir) {
        this.dir = dir;
        Cli.Result result = ReportRuns.run(dir, "crash.yaml", ReportRuns.CRASH);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        runDir = ReportRuns.runDir(result);
    }

    @Test
    void rendersTheSamePageAgainAndChangesNothingElseInTheFolder() throws IOException {
        Map<String, String> before = contents(runDir);

        Cli.Result report = Cli.in(dir).run("report", dir.relativize(runDir).toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).isEqualTo("report: " + dir.relativize(runDir).resolve("index.html") + "\n");
        assertThat(contents(runDir)).as("every file, index.html included, byte for byte").isEqualTo(before);
    }

    @Test
    void aDeletedPageIsDrawnAgainFromTheFolderCopiedElsewhere() throws IOException {
        Path copy = copyOfRun("deleted");
        byte[] page = Files.readAllBytes(copy.resolve("index.html"));
        Files.delete(copy.resolve("index.html"));

        Cli.Result report = Cli.in(dir).run("report", copy.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readAllBytes(copy.resolve("index.html"))).as("the page depends on what the folder holds only")
                .isEqualTo(page);
    }

    @Test
    void aFolderThatIsNotARunsIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("not-a-run"));

        assertOneLineError(Cli.in(dir).run("report", "not-a-run"), "snapsim: ",
                "not-a-run: not a snapsim run folder: it has no run.json");
        assertOneLineError(Cli.in(dir).run("report", "nowhere"), "snapsim: nowhere: no such run folder");
        assertThat(empty.resolve("index.html")).doesNotExist();
    }

    @Test
    void aDamagedHistoryIsNamedWithItsLineAndThePageIsLeftAsItWas() throws IOException {
        Path copy = copyOfRun("damaged");
        byte[] page = Files.readAllBytes(copy.resolve("index.html"));
        long lines;
        try (Stream<String> history = Files.lines(copy.resolve("history.jsonl"))) {
            lines = history.count();
        }
        Files.writeString(copy.resolve("history.jsonl"), "{\"type\":\"barrier-received\",\"time\":\n",
                StandardOpenOption.APPEND);

        assertOneLineError(Cli.in(dir).run("report", copy.toString()), "snapsim: " + copy.resolve("history.jsonl")
                + ": line " + (lines + 1) + " is not a history event");
        assertThat(Files.readAllBytes(copy.resolve("index.html"))).isEqualTo(page);
    }

    @Test
    void aDamagedRunJsonIsOneLineAndExitTwo() throws IOException {
        Path copy = copyOfRun("bad-inputs");
        Files.writeString(copy.resolve("run.json"), "{\"schema\": \"something-else\"}");

        assertOneLineError(Cli.in(dir).run("report", copy.toString()), "snapsim: " + copy.resolve("run.json")
                + ": not a snapsim run record");
    }

    private static void assertOneLineError(Cli.Result result, String... starts) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith(starts[0]);
        Arrays.stream(starts).forEach(part -> assertThat(result.err()).contains(part));
    }

    private Path copyOfRun(String name) throws IOException {
        Path copy = dir.resolve("copies").resolve(name);
        Files.createDirectories(copy.getParent());
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

    /** Every file under {@code folder}: its path and its bytes. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(), Arrays.toString(Files.readAllBytes(file)));
            }
        }
        return contents;
    }

}
