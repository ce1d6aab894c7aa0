package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reports/example/index.html} is the report of a shipped simulation as snapsim renders it
 * today: the test runs the simulation (deterministic, so its history and page repeat) and compares
 * the page with the committed one, with only where the run folder lies masked. When the report
 * changes on purpose, {@code scripts/update-example-report} writes the page again (this test with
 * {@code -Dsnapsim.updateExample=true}) and takes the README's screenshot of it.
 */
class ExampleReportTest {
    static final String SIMULATION = "simulations/running-sum-crash-during-checkpoint.yaml";
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("reports/example/index.html");
    private static final Pattern REPORT_LINE = Pattern.compile("(?m)^report:\\s+(\\S+)index\\.html$");

    @TempDir
    Path reports;

    @Test
    void theCommittedExampleIsTheReportTheSimulationRendersToday() throws IOException {
        Cli.Result run = Cli.in(ROOT).run("run", SIMULATION, "--reports", reports.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher report = REPORT_LINE.matcher(run.out());
        assertThat(report.find()).as("the run prints its report's path: " + run.out()).isTrue();
        Path runDir = Path.of(report.group(1));
        String page = masked(Files.readString(runDir.resolve("index.html")), runDir);

        if (Boolean.getBoolean("snapsim.updateExample")) {
            Files.createDirectories(EXAMPLE.getParent());
            Files.writeString(EXAMPLE, page);
        }
        assertThat(EXAMPLE).as("run scripts/update-example-report").exists();
        assertThat(page).as("reports/example/index.html is stale: run scripts/update-example-report")
                .isEqualTo(Files.readString(EXAMPLE));
    }

    /**
     * The page with the run folder's place and time stamp written as they would be under {@code
     * reports/}, and paths in the checkout relative to it, so that the page reads the same in any clone.
     */
    private static String masked(String page, Path runDir) {
        String stable = "reports/" + runDir.getParent().getFileName() + "/RUN";
        return page.replace(runDir.toAbsolutePath().toString(), stable)
                .replace(runDir.toString(), stable)
                .replace(ROOT + "/", "")
                .replaceAll("\\d{8}-\\d{6}-seed(\\d+)", "RUN-seed$1");
    }
}
