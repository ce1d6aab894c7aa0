package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.verdict.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report of a job written with the Java API ({@link Simulation}): the runner writes
 * {@code index.html} as {@code snapsim run} does, drawn from the run folder, with the job's own
 * operators in its graph and the divergence a planted bug causes in its outcome.
 */
class SimulationReportTest {
    @TempDir
    Path reports;

    @Test
    void aJobOfOneOwnGetsItsReportWithItsGraphAndWhereItDiverged() throws Exception {
        SimulationResult result = Simulation.of("outside-state", (env, sink) -> env
                        .fromSource(SequenceGeneratorSource.sequence("numbers", 100_000, 4), "numbers").uid("numbers")
                        .keyBy(n -> n % 50)
                        .process(new SimulationApiTest.CountOutsideState()).uid("counter")
                        .sinkTo(sink))
                .parallelism(2)
                .seed(3)
                .config("execution.checkpointing.interval", "5 ms")
                .config("restart-strategy.type", "fixed-delay")
                .config("restart-strategy.fixed-delay.delay", "1 ms")
                .fault(CrashFault.atRecord("counter", 1, 30_000))
                .reportsIn(reports)
                .run();
        assertThat(result.verdict().outcome()).isEqualTo(Outcome.INVALID);

        Document page = page(result.runDir());

        assertThat(page.select("svg.job-graph g.operator").eachAttr("data-uid")).containsExactly("numbers", "counter", "sink");
        assertThat(page.select("#run code.command")).as("no file to replay: the Java API made the run").isEmpty();
        assertThat(page.select("#run dd").eachText()).anyMatch(text -> text.startsWith("made through the Java API"));
        assertThat(page.selectFirst("#outcome .verdict").text()).isEqualTo("INVALID");
        assertThat(page.selectFirst("#outcome .first-divergence").attr("data-key"))
                .isEqualTo(result.verdict().comparison().firstDivergence().key());
        assertThat(page.select("#outcome table.key-differences tfoot td").eachText()).containsExactly(
                String.format("%,d", result.verdict().comparison().missing()),
                String.format("%,d", result.verdict().comparison().duplicates()),
                String.format("%,d", result.verdict().comparison().unexpected()));
    }

    private static Document page(Path runDir) throws IOException {
        return Jsoup.parse(runDir.resolve("index.html").toFile(), "UTF-8");
    }
}
