package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.report.sweep.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep.html} over a real deterministic sweep in which some seeds fail: a plain sink with a
 * crash that fires in some seeds and not in others (optional), so seeds whose crash fired commit
 * duplicates (INVALID) and the others pass. The page is checked against {@code sweep.jsonl}, the
 * file it is drawn from, and against the folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepReportTest {
    private Path dir;
    private Cli.Result result;
    private Path sweepDir;
    private SweepLog.Sweep sweep;
    private Document page;

    @BeforeAll
    void sweepSeedsOfWhichSomeFail(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Files.writeString(dir.resolve("mixed.yaml"), """
                name: mixed
                job: wordcount
                parameters: {records: 2000, vocabulary: 20}
                parallelism: 2
                execution: deterministic
                sink: plain
                config:
                  execution.checkpointing.interval: 5 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 5
                  restart-strategy.fixed-delay.delay: 1 ms
                faults:
                  - crash: {operator: counter, subtask: 0, at-record: 1000, optional: true}
                """);
        result = Cli.in(dir).run("sweep", "mixed.yaml", "--seeds", "1..4", "--parallel", "2");
        try (Stream<Path> sweeps = Files.list(dir.resolve("reports").resolve("mixed"))) {
            sweepDir = sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
        }
        sweep = SweepLog.read(sweepDir);
        page = Jsoup.parse(sweepDir.resolve("sweep.html").toFile());
    }

    private List<SweepLog.Seed> failing() {
        return sweep.seeds().stream().filter(s -> s.outcome() != Outcome.VALID)
                .sorted(Comparator.comparingLong(SweepLog.Seed::seed)).toList();
    }

    @Test
    void theSweepHasPassingAndFailingSeedsAndSaysWhereItsReportIs() {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(sweep.seeds()).extracting(SweepLog.Seed::outcome).contains(Outcome.VALID, Outcome.INVALID);
        assertThat(result.out()).contains("report:    reports/mixed/" + sweepDir.getFileName() + "/sweep.html");
        assertThat(sweep.header()).isEqualTo(SweepLog.Header.of("mixed", "mixed.yaml", "deterministic", "1..4", null,
                false, 2));
    }

    @Test
    void theCountsOnThePageAreThoseOfSweepJsonl() {
        for (Outcome outcome : Outcome.values()) {
            long expected = sweep.seeds().stream().filter(s -> s.outcome() == outcome).count();
            assertThat(page.select("li.count[data-outcome=" + outcome.name() + "]").attr("data-count"))
                    .as("%s", outcome).isEqualTo(String.valueOf(expected));
        }
        assertThat(page.select("li.count.total").attr("data-count")).isEqualTo("4");
    }

    @Test
    void aRowPerFailingSeedWithItsPlanItsReplayCommandAndLinksIntoItsRunFolder() {
        List<Element> rows = page.select("table.failing tbody tr");
        assertThat(rows).extracting(r -> r.attr("data-seed"))
                .containsExactlyElementsOf(failing().stream().map(s -> String.valueOf(s.seed())).toList());
        for (int i = 0; i < rows.size(); i++) {
            Element row = rows.get(i);
            SweepLog.Seed seed = failing().get(i);
            assertThat(row.selectFirst("code.replay").text()).isEqualTo(seed.replay())
                    .isEqualTo("scripts/snapsim run mixed.yaml --seed " + seed.seed());
            assertThat(result.out()).contains("  seed " + seed.seed() + " (INVALID): " + seed.replay() + "\n");
            assertThat(row.select("ul.plan li").text())
                    .isEqualTo("crash: {operator: counter, subtask: 0, at-record: 1000, optional: true} fired");
            assertThat(row.selectFirst("a.report").attr("href")).isEqualTo("seed-" + seed.seed() + "/index.html");
            for (Element link : row.select("a[href]")) {
                String href = link.attr("href");
                Path target = sweepDir.resolve(href);
                // index.html is written by the run report (issue 12); the folder it lies in must be there
                Path folder = href.endsWith("/") ? target : target.getParent();
                assertThat(folder).as("%s", link).isDirectory().isEqualTo(sweepDir.resolve(seed.folder()));
            }
            assertThat(sweepDir.resolve(seed.folder()).resolve("summary.json")).isRegularFile();
        }
    }

    @Test
    void passingSeedsKeepNoRunFolderAndFailingOnesDo() {
        for (SweepLog.Seed seed : sweep.seeds()) {
            if (seed.outcome() == Outcome.VALID) {
                assertThat(seed.folder()).isNull();
                assertThat(sweepDir.resolve("seed-" + seed.seed())).doesNotExist();
            } else {
                assertThat(seed.folder()).isEqualTo("seed-" + seed.seed());
                assertThat(sweepDir.resolve(seed.folder()).resolve("history.jsonl")).isRegularFile();
            }
        }
    }

    @Test
    void theHistogramsBarsSumToTheRuns() {
        List<Element> bars = page.select("svg.histogram g.bin");
        assertThat(bars).isNotEmpty();
        assertThat(bars.stream().mapToInt(b -> Integer.parseInt(b.attr("data-count"))).sum())
                .isEqualTo(sweep.seeds().size());
        assertThat(page.select("section#times p").text()).contains("virtual time of the deterministic executor");
        assertThat(sweep.seeds()).allSatisfy(s -> assertThat(s.jobMillis()).isNotNull().isPositive());
    }

    @Test
    void thePageIsSelfContained() {
        assertThat(page.select("[src], link, script")).isEmpty();
        assertThat(page.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).doesNotContain(":")
                .doesNotStartWith("/"));
        assertThat(page.select("style").html()).contains("svg.histogram");
    }

    @Test
    void renderingAgainFromSweepJsonlAloneGivesTheSamePage() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(sweepDir.resolve(SweepLog.FILE), copy.resolve(SweepLog.FILE));

        Path again = SweepReport.render(copy);

        assertThat(again).isEqualTo(copy.resolve("sweep.html"));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(sweepDir.resolve("sweep.html")));
        assertThat(SweepReport.isSweepFolder(copy)).isTrue();
        assertThat(SweepReport.isSweepFolder(dir)).isFalse();
    }

    @Test
    void aDamagedLogIsBadInputNamingItsLine() throws IOException {
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.writeString(damaged.resolve(SweepLog.FILE), Files.readString(sweepDir.resolve(SweepLog.FILE)) + "{oops\n");

        assertThatThrownBy(() -> SweepReport.render(damaged)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(damaged.resolve(SweepLog.FILE) + ": line 6 is not a seed's result");
        assertThat(damaged.resolve("sweep.html")).doesNotExist();
    }
}
