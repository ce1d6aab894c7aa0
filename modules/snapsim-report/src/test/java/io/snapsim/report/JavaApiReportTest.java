package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.runtime.sim.Simulation;
import io.snapsim.runtime.sim.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report of a job written with the Java API ({@link Simulation}): with this module on the
 * class path, the runner writes {@code index.html} as {@code snapsim run} does (it finds the writer
 * through {@code RunReportWriter}), with the job's own operators in its graph and the divergence a
 * planted bug causes in its outcome.
 */
class JavaApiReportTest {
    @TempDir
    Path reports;

    /** A planted bug: the count lives in a field, outside managed state, and starts again after a restore. */
    static final class CountOutsideState extends KeyedProcessFunction<Long, Long, String> {
        private final Map<Long, Long> counts = new HashMap<>();

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long n = counts.merge(ctx.getCurrentKey(), 1L, Long::sum);
            out.collect(ctx.getCurrentKey() + "," + n);
        }
    }

    @Test
    void aJobOfOneOwnGetsItsReportWithItsGraphAndWhereItDiverged() throws Exception {
        SimulationResult result = Simulation.of("outside-state", (env, sink) -> env
                        .fromSource(SequenceGeneratorSource.sequence("numbers", 100_000, 4), "numbers").uid("numbers")
                        .keyBy(n -> n % 50)
                        .process(new CountOutsideState()).uid("counter")
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

        Document page = Jsoup.parse(result.runDir().resolve(RunReport.FILE).toFile(), "UTF-8");

        OutputComparison c = result.verdict().comparison();
        assertThat(page.select("svg.job-graph g.operator").eachAttr("data-uid")).containsExactly("numbers", "counter", "sink");
        assertThat(page.select("#run code.command")).as("no file to replay: the Java API made the run").isEmpty();
        assertThat(page.select("#run dd").eachText()).anyMatch(text -> text.startsWith("made through the Java API"));
        assertThat(page.selectFirst("#outcome .verdict").text()).isEqualTo("INVALID");
        assertThat(page.selectFirst("#outcome .first-divergence").attr("data-key")).isEqualTo(c.firstDivergence().key());
        assertThat(page.select("#outcome table.key-differences tfoot td").eachText()).containsExactly(
                String.format("%,d", c.missing()), String.format("%,d", c.duplicates()), String.format("%,d", c.unexpected()));
    }

    @Test
    void thePageTheRunWroteIsTheOneTheFolderRendersAgain() throws IOException, InterruptedException {
        Path runDir = CrashRun.aligned().runDir();
        byte[] written = Files.readAllBytes(runDir.resolve(RunReport.FILE));

        assertThat(Files.readAllBytes(RunReport.render(runDir))).isEqualTo(written);
    }
}
