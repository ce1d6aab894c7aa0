package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.KeyDifference;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report's page ({@code index.html}), read with jsoup, against what the run folder it was
 * drawn from says: real deterministic runs through the command line, one with a crash and
 * completed checkpoints, one with a planted bug (a sink that commits at pre-commit) that is INVALID.
 */
class RunReportPageTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ARunWithACrash {
        Path file;
        Path runDir;
        Document page;
        RunRecord record;

        @BeforeAll
        void run(@TempDir Path dir) {
            Cli.Result result = ReportRuns.run(dir, "crash.yaml", ReportRuns.CRASH, "-D", "execution.checkpointing.min-pause=1ms");
            file = dir.resolve("crash.yaml"); // as run.json records it: the CLI resolves it against its working directory
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            runDir = ReportRuns.runDir(result);
            page = ReportRuns.page(runDir);
            record = RunRecord.read(runDir);
        }

        @Test
        void theHeaderStatesTheSimulationSeedExecutionAndVerdict() {
            Element run = page.getElementById("run");
            assertThat(run.selectFirst("p.description").text())
                    .isEqualTo("The sum crashes between checkpoints; the job restores the latest completed one.");
            assertThat(fact(run, "simulation")).isEqualTo("report-crash (" + file + ")");
            assertThat(fact(run, "seed")).isEqualTo("5");
            assertThat(fact(run, "parallelism")).isEqualTo("2");
            assertThat(fact(run, "execution")).startsWith("deterministic");
            assertThat(run.selectFirst(".verdict-line .verdict.valid").text()).isEqualTo("VALID");
            assertThat(run.selectFirst(".verdict-line").text()).contains(RunJudge.judge(record).reason());
        }

        @Test
        void theReplayCommandCarriesTheSeedAndTheCommandLineOptions() {
            assertThat(page.selectFirst("#run code.command").text()).isEqualTo(
                    "scripts/snapsim run " + file + " --seed 5 -p 2 -D execution.checkpointing.min-pause=1ms");
        }

        @Test
        void theConfigurationListsWhatDiffersFromTheDefaultsWithWhereItCameFrom() {
            Map<String, String> origins = new TreeMap<>();
            for (Element row : page.select("table.config tbody tr")) {
                origins.put(row.child(0).text(), row.child(2).text());
            }
            assertThat(origins).containsEntry("execution.checkpointing.interval", file.toString())
                    .containsEntry("execution.checkpointing.min-pause", "-D")
                    .containsEntry("restart-strategy.fixed-delay.attempts", file.toString());
            assertThat(page.select("table.config tbody tr").stream().map(r -> r.child(3).text()))
                    .as("the default each replaced").contains("1", "1 s");
        }

        @Test
        void theJobGraphDrawsEveryOperatorOfTheJobGraphEventInItsChain() {
            JobEvents.GraphDescribed graph = (JobEvents.GraphDescribed) HistoryReader.read(runDir.resolve("history.jsonl"),
                    Set.of(JobEvents.GraphDescribed.class)).get(0);
            List<String> operators = graph.vertices().stream().flatMap(v -> v.operators().stream())
                    .map(JobEvents.GraphOperator::uid).toList();

            assertThat(page.select("svg.job-graph g.operator").eachAttr("data-uid")).containsExactlyElementsOf(operators)
                    .containsExactly("source", "sum", "sink");
            assertThat(page.select("svg.job-graph g.vertex").eachAttr("data-vertex")).containsExactly("source", "sum->sink");
            assertThat(page.select("svg.job-graph g.vertex").eachAttr("data-parallelism")).containsExactly("2", "2");
            assertThat(page.select("svg.job-graph g.edge").eachAttr("data-partitioning")).containsExactly("hash");
        }

        @Test
        void theFaultPlanShowsWhichFaultFiredWhereAndWhatTheJobDid() {
            Elements rows = page.select("table.faults tbody tr");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).hasClass("fired")).isTrue();
            assertThat(rows.get(0).text()).contains("sum->sink#1", "restored checkpoint 2 in attempt 1");
            assertThat(rows.get(1).hasClass("skipped")).isTrue();
            assertThat(rows.get(1).text()).contains("not fired");
        }

        @Test
        void theCountsAreTheHistorysAndTheTableHasOneRowPerCheckpoint() {
            List<CheckpointStats> rows = record.run().checkpointHistory();
            assertThat(rows).hasSizeGreaterThanOrEqualTo(3);

            assertThat(page.select("table.checkpoints tbody tr.checkpoint").eachAttr("data-checkpoint"))
                    .containsExactlyElementsOf(rows.stream().map(s -> String.valueOf(s.checkpointId())).toList());
            assertThat(page.select("table.checkpoints tbody tr.checkpoint span.status").eachText())
                    .containsExactlyElementsOf(rows.stream().map(s -> s.status().name()).toList());
            assertThat(page.select(".counts .count .n").eachText()).containsExactly(
                    String.valueOf(record.run().counts().triggered()), String.valueOf(record.run().counts().inProgress()),
                    String.valueOf(record.run().counts().completed()), String.valueOf(record.run().counts().failed()), "1");
            assertThat(page.select("table.checkpoints tbody tr td:nth-child(10)").eachText()).containsOnly("0 B");
            assertThat(page.selectFirst("dl.latest").text()).contains("checkpoint 2, restored at");
        }

        @Test
        void theDetailsShowTheLatestCompletedCheckpointWithARowPerSubtask() {
            CheckpointStats latest = record.run().checkpointHistory().stream()
                    .filter(s -> s.status() == CheckpointStatus.COMPLETED).reduce((a, b) -> b).orElseThrow();
            Element detail = page.getElementById("checkpoint-detail");

            assertThat(detail.attr("data-checkpoint")).isEqualTo(String.valueOf(latest.checkpointId()));
            assertThat(detail.select("table.subtasks tr.subtask").eachAttr("data-task"))
                    .containsExactly("source#0", "source#1", "sum->sink#0", "sum->sink#1");
            assertThat(detail.select("table.subtasks tr.subtask.missing")).isEmpty();
            List<String> syncFromHistory = new ArrayList<>();
            for (var event : HistoryReader.read(runDir.resolve("history.jsonl"), Set.of(TaskEvents.Acknowledged.class))) {
                TaskEvents.Acknowledged ack = (TaskEvents.Acknowledged) event;
                if (ack.checkpoint() == latest.checkpointId() && ack.actor().startsWith("sum->sink")) {
                    syncFromHistory.add(ack.actor() + " " + ack.alignmentMillis() + " ms");
                }
            }
            List<String> syncOnPage = detail.select("tbody[data-vertex=sum->sink] tr.subtask").stream()
                    .map(r -> r.attr("data-task") + " " + r.child(8).text()).sorted().toList();
            assertThat(syncOnPage).containsExactlyElementsOf(syncFromHistory.stream().sorted().toList());
        }

        @Test
        void theGanttHasARowPerSubtaskSlowestFirst() {
            Elements rows = page.select("#checkpoint-detail .gantt .gantt-row");

            assertThat(rows.eachAttr("data-task")).containsExactlyInAnyOrder("source#0", "source#1", "sum->sink#0",
                    "sum->sink#1");
            List<Integer> totals = rows.stream().map(r -> Integer.parseInt(r.selectFirst(".gantt-total").text()
                    .replace(" ms", ""))).toList();
            assertThat(totals).isSortedAccordingTo((a, b) -> b - a);
            assertThat(rows.first().select(".seg")).hasSize(4);
        }

        @Test
        void theStripSelectsAmongTheCheckpointsWhoseDetailsThePageCarries() throws IOException {
            JsonNode data = new ObjectMapper().readTree(page.getElementById("snapsim-data").data()).get("checkpoints");
            List<String> ids = new ArrayList<>();
            data.get("items").forEach(item -> ids.add(item.get("id").asText()));

            assertThat(page.select(".strip button.strip-checkpoint").eachAttr("data-select")).containsExactlyElementsOf(ids);
            assertThat(page.select(".strip button[aria-pressed=true]").eachAttr("data-select"))
                    .containsExactly(page.getElementById("checkpoint-detail").attr("data-checkpoint"));
            assertThat(data.get("tasks")).hasSize(4);
            assertThat(page.select("script:not([type])").stream().map(Element::data).toList())
                    .anyMatch(script -> script.contains("snapsim.gantt"));
        }

        @Test
        void theOutcomeShowsTheCountsThatMatch() {
            Element outcome = page.getElementById("outcome");
            assertThat(outcome.selectFirst(".verdict").text()).isEqualTo("VALID");
            assertThat(outcome.select("table.comparison tr").eachText()).contains(
                    "records committed by the run 60,000", "records committed by the reference 60,000", "lost 0",
                    "duplicate 0", "unexpected 0", "final keyed state equal");
            assertThat(outcome.select(".first-divergence, table.key-differences")).isEmpty();
        }

        @Test
        void thePageIsSelfContained() throws IOException {
            String html = Files.readString(runDir.resolve("index.html"));
            assertThat(page.select("script[src], link[href], img[src], iframe")).isEmpty();
            assertThat(html.replace("http://www.w3.org/2000/svg", "")).as("the SVG namespace names no resource")
                    .doesNotContain("http://", "https://").contains("<style>");
        }

        private String fact(Element run, String name) {
            Element dt = run.select("dl.facts dt").stream().filter(e -> e.text().equals(name)).findFirst().orElseThrow();
            return dt.nextElementSibling().text();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ARunWithAPlantedBug {
        Path runDir;
        Document page;
        OutputComparison comparison;

        @BeforeAll
        void run(@TempDir Path dir) {
            Cli.Result result = ReportRuns.run(dir, "eager.yaml", ReportRuns.EAGER_COMMIT, "--shrink");
            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
            runDir = ReportRuns.runDir(result);
            page = ReportRuns.page(runDir);
            Verdict verdict = RunJudge.judge(RunRecord.read(runDir));
            comparison = verdict.comparison();
        }

        @Test
        void theOutcomeNamesTheFirstDivergentRecordAndItsKey() {
            Element outcome = page.getElementById("outcome");
            assertThat(outcome.selectFirst(".verdict").text()).isEqualTo("INVALID");
            assertThat(comparison.firstDivergence()).isNotNull();

            assertThat(outcome.selectFirst(".first-divergence").attr("data-key")).isEqualTo(comparison.firstDivergence().key());
            assertThat(outcome.selectFirst(".first-divergence code").text()).isEqualTo(comparison.firstDivergence().line());
            assertThat(outcome.selectFirst("code.divergent-key").text()).isEqualTo(comparison.firstDivergence().key());
        }

        @Test
        void theKeysRecordsStandSideBySideWithBothCounts() {
            Elements rows = page.select("#outcome table.key-lines tbody tr");
            assertThat(rows).isNotEmpty();
            String key = comparison.firstDivergence().key();
            for (Element row : rows) {
                assertThat(row.child(0).text()).startsWith(key + ",");
                assertThat(row.child(1).text()).isNotEqualTo(row.child(2).text());
            }
            assertThat(rows.eachText()).anyMatch(text -> text.startsWith(comparison.firstDivergence().line() + " 1 2"));
            assertThat(page.select("#outcome table.key-state tbody tr").eachText())
                    .anyMatch(text -> text.startsWith("sum/sum "));
        }

        @Test
        void lostAndDuplicateCountsPerKeyComeWithTheirTotals() {
            Elements rows = page.select("#outcome table.key-differences tbody tr");
            assertThat(rows).hasSizeLessThanOrEqualTo(20).isNotEmpty();
            for (Element row : rows) {
                KeyDifference d = comparison.differencesByKey().get(row.attr("data-key"));
                assertThat(row.child(2).text()).isEqualTo(String.format("%,d", d.duplicates()));
            }
            long first = Long.parseLong(rows.first().child(2).text().replace(",", ""));
            assertThat(comparison.differencesByKey().values()).allMatch(d -> d.total() <= first);
            assertThat(page.selectFirst("#outcome table.key-differences tfoot").text())
                    .isEqualTo(String.format("all keys %,d %,d %,d", comparison.missing(), comparison.duplicates(),
                            comparison.unexpected()));
        }

        @Test
        void theShrunkPlanInTheFolderIsShownWithTheCommandThatReplaysIt() throws IOException {
            Path shrunk = runDir.resolve("shrunk-plan.yaml");
            assertThat(shrunk).exists();

            assertThat(page.selectFirst("#outcome pre.shrunk-plan").wholeText()).isEqualTo(Files.readString(shrunk));
            assertThat(page.select("#outcome code.command").text()).contains("--faults-from " + shrunk);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ARunWhoseFaultNeverFired {
        Document page;

        @BeforeAll
        void run(@TempDir Path dir) {
            Cli.Result result = ReportRuns.run(dir, "late.yaml", ReportRuns.CRASH.replace("at-record: 20000}", "at-record: 800000}"));
            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
            page = ReportRuns.page(ReportRuns.runDir(result));
        }

        @Test
        void theOutcomeExplainsNotFiredAndNamesTheFault() {
            assertThat(page.selectFirst("#outcome .verdict.not_fired").text()).isEqualTo("NOT_FIRED");
            assertThat(page.selectFirst("#outcome .explanation").text()).contains("tested nothing about it")
                    .contains("[0] crash: {operator: sum, subtask: 1, at-record: 800000}");
            assertThat(page.selectFirst("table.faults tr.not-fired").text()).contains("NOT FIRED");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ARunThatFailedWithoutARestart {
        Document page;

        @BeforeAll
        void run(@TempDir Path dir) {
            Cli.Result result = ReportRuns.run(dir, "fails.yaml", ReportRuns.CRASH
                    .replace("restart-strategy.type: fixed-delay", "restart-strategy.type: none"));
            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
            page = ReportRuns.page(ReportRuns.runDir(result));
        }

        @Test
        void theOutcomeSaysTheRunCouldNotBeJudgedAndWhy() {
            assertThat(page.selectFirst("#outcome .verdict.unknown").text()).isEqualTo("UNKNOWN");
            assertThat(page.selectFirst("#outcome .explanation").text()).startsWith("The run could not be judged: the run failed")
                    .contains("injected crash of sum#1 at record 20000");
            assertThat(page.select("#outcome table.comparison")).as("nothing to compare").isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AJoin {
        Document page;

        @BeforeAll
        void run(@TempDir Path dir) {
            Cli.Result result = ReportRuns.run(dir, "join.yaml", """
                    name: report-join
                    job: join
                    parameters: {orders: 500, payments-per-order: 2, customers: 10}
                    parallelism: 2
                    execution: deterministic
                    config:
                      execution.checkpointing.interval: 5 ms
                    """);
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            page = ReportRuns.page(ReportRuns.runDir(result));
        }

        @Test
        void theGraphShowsBothInputsOfTheJoinWithTheirPartitioning() {
            assertThat(page.select("svg.job-graph g.vertex").eachAttr("data-vertex"))
                    .containsExactly("orders", "payments", "join->sink");
            assertThat(page.select("svg.job-graph g.edge text").eachText())
                    .containsExactly("HASH \u2192 input 1", "HASH \u2192 input 2");
            assertThat(page.select("#checkpoint-detail .gantt-row")).as("a row per subtask of the three chains").hasSize(6);
        }
    }
}
