package io.snapsim.report.sweep;

import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.PlannedFault;
import io.snapsim.report.Html;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sweep report's tables: the seeds that did not pass, each with its fault plan (fired or not),
 * the command that replays it and links to its run folder's report; and every seed with its
 * outcome and times. Links are relative to the sweep's folder, so the page works wherever the
 * folder is copied. Stateless.
 */
final class SweepTables {
    private SweepTables() {
    }

    /** Whether a seed passed: VALID, or UNRECOVERABLE (an expected outcome). Others keep their run folder. */
    static boolean passes(Outcome outcome) {
        return outcome == Outcome.VALID || outcome == Outcome.UNRECOVERABLE;
    }

    /** The table of the seeds that did not pass, in seed order; a sentence when every seed passed. */
    static String failing(List<SweepLog.Seed> seeds) {
        List<SweepLog.Seed> failing = seeds.stream().filter(s -> !passes(s.outcome()))
                .sorted(Comparator.comparingLong(SweepLog.Seed::seed)).toList();
        if (failing.isEmpty()) {
            return "<p class=\"all-passed\">Every seed passed: nothing to replay.</p>";
        }
        StringBuilder html = new StringBuilder("<table class=\"failing\"><thead><tr><th class=\"num\">seed</th>"
                + "<th>outcome</th><th>why</th><th>fault plan</th><th class=\"num\">run time</th><th>replay</th>"
                + "<th>run report</th></tr></thead><tbody>\n");
        for (SweepLog.Seed seed : failing) {
            html.append("<tr data-seed=\"").append(seed.seed()).append("\"><td class=\"num\">").append(seed.seed())
                    .append("</td><td class=\"outcome ").append(cssClass(seed.outcome())).append("\">")
                    .append(Html.text(seed.outcome().displayName())).append("</td><td class=\"why\">")
                    .append(Html.text(seed.reason())).append("</td><td>").append(plan(seed))
                    .append("</td><td class=\"num\">")
                    .append(duration(seed.jobMillis())).append("</td><td><code class=\"replay\">")
                    .append(Html.text(seed.replay())).append("</code></td><td>").append(links(seed)).append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Every seed, in seed order: outcome, the job's time, the seed's time on this machine, its folder if kept. */
    static String all(List<SweepLog.Seed> seeds) {
        StringBuilder html = new StringBuilder("<details><summary>all ").append(seeds.size())
                .append(" seed(s)</summary><table class=\"seeds\"><thead><tr><th class=\"num\">seed</th><th>outcome</th>"
                        + "<th class=\"num\">run time</th><th class=\"num\">took here</th><th>run folder</th></tr>"
                        + "</thead><tbody>\n");
        for (SweepLog.Seed seed : seeds.stream().sorted(Comparator.comparingLong(SweepLog.Seed::seed)).toList()) {
            html.append("<tr><td class=\"num\">").append(seed.seed()).append("</td><td class=\"outcome ")
                    .append(cssClass(seed.outcome())).append("\">").append(Html.text(seed.outcome().displayName()))
                    .append("</td><td class=\"num\">").append(duration(seed.jobMillis())).append("</td><td class=\"num\">")
                    .append(duration(seed.wallMillis())).append("</td><td>")
                    .append(seed.folder() == null ? "" : "<a href=\"" + Html.text(seed.folder() + "/index.html") + "\">"
                            + Html.text(seed.folder()) + "</a>")
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table></details>").toString();
    }

    static String cssClass(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String plan(SweepLog.Seed seed) {
        if (seed.faults().isEmpty()) {
            return "<span class=\"muted\">no faults</span>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"plan\">");
        for (PlannedFault fault : seed.faults()) {
            boolean fired = seed.fired().contains(fault.index());
            html.append("<li class=\"").append(fired ? "fired" : "not-fired").append("\"><code>")
                    .append(Html.text(fault.description())).append("</code> ")
                    .append(fired ? "fired" : "not fired").append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private static String links(SweepLog.Seed seed) {
        if (seed.folder() == null) {
            return "<span class=\"muted\">no run folder (the run did not start)</span>";
        }
        String folder = seed.folder();
        return "<a class=\"report\" href=\"" + Html.text(folder + "/index.html") + "\">report</a> · <a href=\""
                + Html.text(folder + "/summary.json") + "\">summary.json</a> · <a href=\"" + Html.text(folder + "/")
                + "\">" + Html.text(folder) + "/</a>";
    }

    static String duration(Long millis) {
        return millis == null ? "–" : String.format(Locale.ROOT, "%,d ms", millis);
    }
}
