package io.snapsim.report;

import io.snapsim.core.verdict.FaultReport;

/**
 * The run's fault plan, a row per planned fault: the fault as the simulation file writes it, and
 * whether it fired: when (relative to the job's start), where, in which attempt and checkpoint, how
 * often, and what the job did about it. From the run folder's fault report. Stateless.
 */
final class FaultPlanTable {
    private FaultPlanTable() {
    }

    static String render(FaultReport report) {
        if (report.entries().isEmpty()) {
            return "<p class=\"muted\">No faults planned: the run is a failure-free run of the job.</p>";
        }
        StringBuilder html = new StringBuilder("<p>").append(Format.plural(report.entries().size(), "planned fault"))
                .append(", ").append(report.firedCount()).append(" fired.</p><table class=\"faults\"><thead><tr>"
                        + "<th class=\"num\">#</th><th>fault</th><th>fired</th><th>when</th><th>where</th>"
                        + "<th class=\"num\">attempt</th><th class=\"num\">checkpoint</th><th>what the job did</th></tr></thead><tbody>");
        for (FaultReport.Entry entry : report.entries()) {
            row(html, report.startTime(), entry);
        }
        return html.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder html, long start, FaultReport.Entry entry) {
        html.append("<tr class=\"fault ").append(entry.fired() ? "fired" : entry.fault().mustFire() ? "not-fired" : "skipped")
                .append("\"><td class=\"num\">").append(entry.index()).append("</td><td><code>")
                .append(Html.text(entry.description())).append("</code>")
                .append(entry.fault().optional() == null ? "" : " <span class=\"muted\">(" + Html.text(optional(entry)) + ")</span>")
                .append("</td>");
        if (!entry.fired()) {
            html.append("<td colspan=\"6\">").append(entry.fault().mustFire()
                    ? "<strong class=\"bad\">NOT FIRED</strong>: the run tested nothing about it"
                    : "not fired, which the plan allows").append("</td></tr>");
            return;
        }
        FaultReport.Firing f = entry.firing();
        html.append("<td>yes").append(entry.firings() > 1 ? ", " + entry.firings() + " times" : "").append("</td><td title=\"")
                .append(Html.text(Format.absolute(f.time()))).append("\">").append(Format.at(f.time(), start))
                .append("</td><td><code>").append(Html.text(f.actor())).append("</code></td><td class=\"num\">")
                .append(f.attempt()).append("</td><td class=\"num\">").append(f.checkpoint() >= 0 ? f.checkpoint() : "")
                .append("</td><td>").append(Html.text(f.detail()))
                .append(entry.aftermath() == null ? "" : "; " + Html.text(entry.aftermath())).append("</td></tr>");
    }

    private static String optional(FaultReport.Entry entry) {
        return "drawn-at-random".equals(entry.fault().optional()) ? "drawn at random, optional" : "optional";
    }
}
