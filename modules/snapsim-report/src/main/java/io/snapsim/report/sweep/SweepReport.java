package io.snapsim.report.sweep;

import io.snapsim.core.storage.AtomicFiles;
import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.report.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep report: {@code sweep.html} in a sweep's folder, drawn from the folder's
 * {@code sweep.jsonl} alone ({@link SweepLog}): what was swept, the outcome counts, a histogram of
 * run times (the job's own clock: virtual time in deterministic sweeps, wall-clock time in live
 * ones), the seeds that did not pass with their fault plans, replay commands and links to their
 * run reports, and every seed. One self-contained page: inline CSS and SVG, no script, no network.
 * Stateless; {@code snapsim sweep} calls it when the sweep ends, and anyone may call it again.
 */
public final class SweepReport {
    /** The report's file name in the sweep's folder. */
    public static final String FILE = "sweep.html";

    private SweepReport() {
    }

    /** Whether {@code dir} is a sweep's folder (it holds {@code sweep.jsonl}). */
    public static boolean isSweepFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(SweepLog.FILE));
    }

    /**
     * Writes the report of the sweep in {@code sweepDir} from its {@code sweep.jsonl}; returns its path.
     *
     * @throws io.snapsim.core.InvalidInputException when the folder is not a sweep's, or its log is damaged
     */
    public static Path render(Path sweepDir) {
        SweepLog.Sweep sweep = SweepLog.read(sweepDir);
        Path file = sweepDir.resolve(FILE);
        try {
            AtomicFiles.write(file, html(sweep).getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The page for {@code sweep}. */
    static String html(SweepLog.Sweep sweep) {
        SweepLog.Header h = sweep.header();
        String clock = "deterministic".equals(h.execution()) ? "virtual time of the deterministic executor"
                : "wall-clock time";
        SweepHistogram histogram = SweepHistogram.of(sweep.seeds());
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.text(h.simulation()) + " sweep · snapsim</title><style>"
                + resource("/io/snapsim/report/report.css") + resource("sweep.css") + "</style></head><body>\n"
                + "<nav><a href=\"#sweep\">Sweep</a><a href=\"#times\">Run times</a>"
                + "<a href=\"#failing\">Failing seeds</a><a href=\"#seeds\">All seeds</a></nav>\n<main>\n"
                + section("sweep", "Sweep of " + h.simulation(), facts(sweep) + counts(sweep.seeds()))
                + section("times", "Run times", "<p class=\"muted\">How long each run's job took on its own clock: "
                        + Html.text(clock) + ", from its history. Each bar is stacked by outcome; hover for the counts.</p>"
                        + histogram.svg(clock))
                + section("failing", "Seeds that did not pass", SweepTables.failing(sweep.seeds()))
                + section("seeds", "All seeds", SweepTables.all(sweep.seeds()))
                + "</main>\n</body></html>\n";
    }

    private static String facts(SweepLog.Sweep sweep) {
        SweepLog.Header h = sweep.header();
        String faults = h.faultsPerSeed() == null ? "the simulation's own fault plan in every seed"
                : h.faultsPerSeed() + " random fault(s) drawn from each seed";
        return "<dl class=\"facts\"><dt>simulation</dt><dd>" + Html.text(h.simulation()) + " (<code>"
                + Html.text(h.file()) + "</code>)</dd><dt>seeds</dt><dd>" + Html.text(h.seeds()) + ": "
                + sweep.seeds().size() + " run(s) recorded</dd><dt>execution</dt><dd>" + Html.text(h.execution())
                + "</dd><dt>faults</dt><dd>" + Html.text(faults) + "</dd><dt>runs at a time</dt><dd>" + h.parallel()
                + "</dd><dt>run folders</dt><dd>" + (h.keepAll() ? "kept for every seed"
                : "kept for the seeds that did not pass") + "</dd></dl>";
    }

    /** The outcome counts, as badges: every outcome, including those no seed had. */
    private static String counts(List<SweepLog.Seed> seeds) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        seeds.forEach(s -> counts.merge(s.outcome(), 1, Integer::sum));
        StringBuilder html = new StringBuilder("<ul class=\"counts\">");
        counts.forEach((outcome, n) -> html.append("<li class=\"count ").append(SweepTables.cssClass(outcome))
                .append(n == 0 ? " zero" : "")
                .append("\" data-outcome=\"").append(outcome.name()).append("\" data-count=\"").append(n).append("\"><b>")
                .append(n).append("</b> ").append(Html.text(outcome.displayName())).append("</li>"));
        return html.append("<li class=\"count total\" data-count=\"").append(seeds.size()).append("\"><b>")
                .append(seeds.size()).append("</b> in all</li></ul>").toString();
    }

    private static String section(String id, String title, String body) {
        return "<section id=\"" + id + "\"><h2>" + Html.text(title) + "</h2>\n" + body + "\n</section>\n";
    }

    private static String resource(String name) {
        try (InputStream in = SweepReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report resource " + name, e);
        }
    }
}
