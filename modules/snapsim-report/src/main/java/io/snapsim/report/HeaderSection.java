package io.snapsim.report;

import io.snapsim.core.run.RunInputs;
import io.snapsim.core.verdict.Verdict;
import java.util.Locale;
import java.util.Map;

/**
 * The run at a glance: the simulation and what it shows, its job drawn as a graph, seed and
 * execution, the options that differ from the defaults, the fault plan with each fault's fate, the
 * verdict with its reason, and the command that replays the run.
 */
final class HeaderSection implements ReportSection {
    @Override
    public String id() {
        return "run";
    }

    @Override
    public String title() {
        return "Run";
    }

    @Override
    public String body(ReportInput input) {
        RunInputs in = input.record().inputs();
        Verdict verdict = input.verdict();
        StringBuilder html = new StringBuilder();
        if (in.description() != null && !in.description().isBlank()) {
            html.append("<p class=\"description\">").append(Html.text(in.description().strip())).append("</p>");
        }
        html.append("<p class=\"verdict-line\"><span class=\"verdict ").append(verdict.outcome().name().toLowerCase(Locale.ROOT))
                .append("\">").append(Html.text(verdict.outcome())).append("</span> (expected ")
                .append(Html.text(verdict.expectation())).append("): ").append(Html.text(verdict.reason())).append("</p>");
        facts(html, input);
        html.append("<h3>Job graph</h3>");
        JobShape shape = input.shape();
        if (!shape.described()) {
            html.append("<p class=\"muted\">This run's history has no <code>job-graph</code> event (it was recorded by an"
                    + " older snapsim): its chains are drawn from the task names, without edges.</p>");
        }
        html.append("<div class=\"graph\">").append(JobGraphSvg.render(shape)).append("</div>");
        html.append("<h3>Configuration that differs from the defaults</h3>").append(ConfigurationTable.render(in));
        html.append("<h3>Fault plan</h3>").append(FaultPlanTable.render(input.record().faults()));
        return html.toString();
    }

    private static void facts(StringBuilder html, ReportInput input) {
        RunInputs in = input.record().inputs();
        html.append("<dl class=\"facts\">");
        fact(html, "simulation", Html.text(in.simulation()) + " <span class=\"muted\">(" + Html.text(in.file()) + ")</span>");
        fact(html, "job", Html.text(in.job()) + parameters(in.parameters()));
        fact(html, "parallelism", String.valueOf(in.parallelism()));
        fact(html, "seed", String.valueOf(in.seed()));
        fact(html, "execution", Html.text(in.execution()) + ("deterministic".equals(in.execution())
                ? " <span class=\"muted\">(virtual time: the same seed gives the same history)</span>" : ""));
        fact(html, "sink", Html.text(in.sink()));
        fact(html, "checkpointing", in.checkpointing() ? "every " + Format.millis(in.checkpointIntervalMillis()) : "off");
        fact(html, "job id", "<code>" + Html.text(in.jobId()) + "</code>");
        if (in.restoredFrom() != null) {
            fact(html, "resumed from", Html.text(in.restoredFrom().describe()) + " of job <code>"
                    + Html.text(in.restoredFrom().jobId()) + "</code>: <code>" + Html.text(in.restoredFrom().metadataPath())
                    + "</code>");
        }
        fact(html, "replay", ReplayCommand.of(in, input.record().runDir())
                .map(command -> "<code class=\"command\">" + Html.text(command) + "</code>")
                .orElse("<span class=\"muted\">made through the Java API (Simulation): run the test again; the same"
                        + " seed gives the same run</span>"));
        html.append("</dl>");
    }

    private static void fact(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>").append(Html.text(name)).append("</dt><dd>").append(valueHtml).append("</dd>");
    }

    private static String parameters(Map<String, Object> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" <span class=\"muted\">{");
        parameters.forEach((k, v) -> text.append(text.charAt(text.length() - 1) == '{' ? "" : ", ")
                .append(Html.text(k)).append(": ").append(Html.text(v)));
        return text.append("}</span>").toString();
    }
}
