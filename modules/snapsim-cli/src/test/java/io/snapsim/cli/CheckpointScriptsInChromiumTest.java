package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.run.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint section's scripts in headless Chromium (the Debian package; skipped where it is not
 * installed, and {@code .ci/run} installs it): they draw a checkpoint's details and Gantt view exactly
 * as the page's static markup has them for the checkpoint it opens on, they draw any other
 * checkpoint ({@code #checkpoint-N}) with a row per subtask, and the console stays free of errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointScriptsInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    Path runDir;
    Path profile;
    RunRecord record;

    @BeforeAll
    void run(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed here");
        Cli.Result result = ReportRuns.run(dir, "eager.yaml", ReportRuns.EAGER_COMMIT);
        runDir = ReportRuns.runDir(result);
        profile = Files.createDirectories(dir.resolve("chromium-profile"));
        record = RunRecord.read(runDir);
    }

    @Test
    void theScriptsDrawTheCheckpointThePageOpensOnExactlyAsThePageHasIt() throws Exception {
        Document page = ReportRuns.page(runDir);
        String selected = page.getElementById("checkpoint-detail").attr("data-checkpoint");

        Document loaded = load("#checkpoint-" + selected); // an address makes the scripts draw it anew

        assertThat(loaded.getElementById("checkpoint-detail").html())
                .isEqualTo(page.getElementById("checkpoint-detail").html());
        assertThat(load("").getElementById("checkpoint-detail").html()).as("without an address the page is left as it is")
                .isEqualTo(page.getElementById("checkpoint-detail").html());
    }

    @Test
    void aFailedCheckpointSelectedByItsAddressIsDrawnWithARowPerSubtask() throws Exception {
        CheckpointStats failed = record.run().checkpointHistory().stream()
                .filter(s -> s.status() == CheckpointStatus.FAILED).findFirst().orElseThrow();

        Document loaded = load("#checkpoint-" + failed.checkpointId());

        String id = String.valueOf(failed.checkpointId());
        assertThat(loaded.getElementById("checkpoint-detail").attr("data-checkpoint")).isEqualTo(id);
        assertThat(loaded.select("#checkpoint-detail .detail-head .status").text()).isEqualTo("FAILED");
        // a row per subtask of the two chains (source, sum->sink), whether it acknowledged or not
        assertThat(loaded.select("#checkpoint-detail table.subtasks tr.subtask")).hasSize(4);
        assertThat(loaded.select("#checkpoint-detail .gantt-row").eachAttr("data-task"))
                .containsExactlyInAnyOrder("source#0", "source#1", "sum->sink#0", "sum->sink#1");
        assertThat(loaded.select("#checkpoint-detail .gantt-row.missing")).as("the crashed sink never acknowledged")
                .isNotEmpty();
        assertThat(loaded.select("#checkpoint-detail .gantt-row").first().hasClass("missing")).isTrue();
        assertThat(loaded.select(".strip button[aria-pressed=true]").eachAttr("data-select")).containsExactly(id);
        assertThat(loaded.select("tr.checkpoint.selected").eachAttr("data-checkpoint")).containsExactly(id);
    }

    /** The page after its scripts ran in headless Chromium, opened at {@code hash}; fails on any console error. */
    private Document load(String hash) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                runDir.resolve("index.html").toUri() + hash));
        Path dom = Files.createTempFile(profile, "dom", ".html");
        Path log = Files.createTempFile(profile, "log", ".txt");
        Process chromium = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        assertThat(chromium.waitFor()).as(Files.readString(log)).isZero();
        List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
        assertThat(console).as("console messages").isEmpty();
        return Jsoup.parse(Files.readString(dom, StandardCharsets.UTF_8));
    }
}
