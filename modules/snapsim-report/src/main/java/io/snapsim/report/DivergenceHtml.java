package io.snapsim.report;

import io.snapsim.core.run.FinalState;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.Divergence;
import io.snapsim.core.verdict.KeyLines;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.StateDifference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Where a run's output diverged from the reference's: the first divergent record, the lines of its
 * key on both sides (those that differ), the key's final state on both sides, the first state
 * difference, and the keys with the most lost, duplicate and unexpected records. The key's lines
 * are read from the committed outputs again, in bounded memory ({@link KeyLines}). Stateless.
 */
final class DivergenceHtml {
    /** Distinct lines of the divergent key read at most. */
    static final int KEY_LINES = 10_000;
    /** Differing lines of the key shown at most. */
    static final int SHOWN_LINES = 20;

    private DivergenceHtml() {
    }

    /** @param partial the job did not finish: lines it never reached are not lost, and the state is not compared */
    static String render(RunRecord record, OutputComparison c, boolean partial) {
        StringBuilder html = new StringBuilder();
        Divergence first = c.firstDivergence();
        if (first != null && !(partial && first.kind() == Divergence.Kind.MISSING)) {
            html.append("<h3>First divergence</h3><p class=\"first-divergence\" data-key=\"").append(Html.text(first.key()))
                    .append("\">The first divergent record is <code>").append(Html.text(first.line())).append("</code>: ")
                    .append(describe(first.kind())).append(" Its key is <code class=\"divergent-key\">")
                    .append(Html.text(first.key())).append("</code>.</p>");
            html.append(keyLines(record, first.key())).append(keyState(record, first.key()));
        }
        if (!partial && c.stateDifference() != null) {
            html.append(stateDifference(c.stateDifference()));
        }
        html.append(KeyDifferencesTable.render(c, partial));
        return html.toString();
    }

    private static String describe(Divergence.Kind kind) {
        return switch (kind) {
            case DUPLICATE -> "the run committed it more often than the failure-free run did (a duplicate).";
            case UNEXPECTED -> "the failure-free run never committed it (unexpected).";
            case MISSING -> "the run lacks it, which the failure-free run committed (lost).";
        };
    }

    /** The key's lines whose counts differ, reference and run side by side. */
    private static String keyLines(RunRecord record, String key) {
        List<Path> run = new ArrayList<>(record.earlierOutputs());
        run.add(record.output());
        KeyLines lines = KeyLines.of(key, List.of(record.referenceOutput()), run, KEY_LINES);
        List<KeyLines.Line> differing = lines.lines().stream().filter(KeyLines.Line::differs).toList();
        StringBuilder html = new StringBuilder("<table class=\"side-by-side key-lines\"><caption>records of key <code>")
                .append(Html.text(key)).append("</code> whose counts differ</caption><thead><tr><th>record</th>"
                        + "<th class=\"num\">reference</th><th class=\"num\">run</th></tr></thead><tbody>");
        for (KeyLines.Line line : differing.subList(0, Math.min(SHOWN_LINES, differing.size()))) {
            html.append("<tr><td><code>").append(Html.text(line.text())).append("</code></td><td class=\"num\">")
                    .append(Format.count(line.reference())).append("</td><td class=\"num bad\">")
                    .append(Format.count(line.actual())).append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"muted\">");
        if (differing.size() > SHOWN_LINES) {
            html.append(Format.count(differing.size() - SHOWN_LINES)).append(" more differing records of this key; ");
        }
        long same = lines.lines().size() - differing.size();
        html.append(Format.plural(same, "other distinct record")).append(" of this key committed as often by both")
                .append(lines.more() ? " (the key has more records than the report reads)" : "").append(".</p>");
        return html.toString();
    }

    /** The key's value in each keyed state of the two final states that knows it. */
    private static String keyState(RunRecord record, String key) {
        Path referenceFile = RunFolder.reference(record.runDir()).resolve(RunFolder.FINAL_STATE);
        Path runFile = record.runDir().resolve(RunFolder.FINAL_STATE);
        if (!Files.exists(referenceFile) || !Files.exists(runFile)) {
            return "";
        }
        var reference = FinalState.read(referenceFile);
        var run = FinalState.read(runFile);
        StringBuilder rows = new StringBuilder();
        for (var operator : reference.entrySet()) {
            for (var state : operator.getValue().entrySet()) {
                Object value = state.getValue().get(key);
                Object other = run.getOrDefault(operator.getKey(), new TreeMap<>()).getOrDefault(state.getKey(),
                        new TreeMap<>()).get(key);
                if (value != null || other != null) {
                    rows.append("<tr><td><code>").append(Html.text(operator.getKey() + "/" + state.getKey()))
                            .append("</code></td><td>").append(Html.text(value)).append("</td><td class=\"")
                            .append(String.valueOf(value).equals(String.valueOf(other)) ? "" : "bad").append("\">")
                            .append(Html.text(other)).append("</td></tr>");
                }
            }
        }
        return rows.isEmpty() ? "" : "<table class=\"side-by-side key-state\"><caption>final keyed state of key <code>"
                + Html.text(key) + "</code></caption><thead><tr><th>operator/state</th><th>reference</th><th>run</th></tr>"
                + "</thead><tbody>" + rows + "</tbody></table>";
    }

    private static String stateDifference(StateDifference d) {
        StringBuilder html = new StringBuilder("<h3>Final keyed state</h3><p>The final keyed states differ first at <code>")
                .append(Html.text(d.description())).append("</code>.</p>");
        if (d.key() != null) {
            html.append("<table class=\"side-by-side state-difference\"><thead><tr><th>operator/state[key]</th>"
                    + "<th>reference</th><th>run</th></tr></thead><tbody><tr><td><code>")
                    .append(Html.text(d.operator() + "/" + d.state() + "[" + d.key() + "]")).append("</code></td><td>")
                    .append(Html.text(d.expected())).append("</td><td class=\"bad\">")
                    .append(d.actual() == null ? "<span class=\"muted\">missing</span>" : Html.text(d.actual()))
                    .append("</td></tr></tbody></table>");
        }
        return html.toString();
    }
}
