package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.history.JobEvents.GraphVertex;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * One checkpoint's details, as Flink's checkpoint details show them: a line about the checkpoint,
 * then per chain (Flink's job vertex) its acknowledged subtasks, latest acknowledgement, end-to-end
 * duration and sizes, and under it a row per subtask with sync, async, alignment and start delay
 * and the bytes each operator of the chain wrote. {@code checkpoint-detail.js} writes the same markup
 * for the checkpoint the reader selects. Stateless.
 */
final class CheckpointDetail {
    private CheckpointDetail() {
    }

    static String render(CheckpointView view, JobShape shape, long start) {
        CheckpointStats s = view.stats();
        StringBuilder html = new StringBuilder("<p class=\"detail-head\"><strong>")
                .append(s.kind().isCheckpoint() ? "Checkpoint " : "Savepoint ").append(s.checkpointId())
                .append("</strong> <span class=\"status ").append(CheckpointTable.status(s.status())).append("\">")
                .append(s.status()).append("</span> ").append(s.kind().name().toLowerCase(Locale.ROOT))
                .append(", triggered at ").append(Format.at(s.triggerTimestamp(), start)).append(", ")
                .append(s.numAcknowledged()).append('/').append(s.numTasks()).append(" acknowledged, end to end ")
                .append(Format.millis(s.endToEndDurationMs()));
        if (view.folder() != null) {
            html.append(", in <code>").append(Html.text(view.folder())).append("</code>");
        }
        if (s.failureReason() != null) {
            html.append(": <span class=\"bad\">").append(Html.text(s.failureReason())).append("</span> ")
                    .append(Html.text(s.failureMessage()));
        }
        html.append("</p><div class=\"table-scroll\"><table class=\"subtasks\"><thead><tr><th>chain / subtask</th><th class=\"num\">acknowledged</th>"
                + "<th class=\"num\">end to end</th><th class=\"num\">checkpointed</th><th class=\"num\">full size</th>"
                + "<th class=\"num\">in-flight data</th><th class=\"num\">sync</th><th class=\"num\">async</th>"
                + "<th class=\"num\">alignment</th><th class=\"num\">start delay</th><th>by operator</th></tr></thead>");
        for (int v = 0; v < shape.vertices().size(); v++) {
            vertex(html, shape.vertices().get(v), acksOf(view, v), s.triggerTimestamp(), start);
        }
        return html.append("</table></div>").toString();
    }

    /** The acknowledgements of chain {@code v}'s subtasks, by subtask. */
    private static Map<Integer, CheckpointView.Ack> acksOf(CheckpointView view, int v) {
        Map<Integer, CheckpointView.Ack> acks = new TreeMap<>();
        view.acks().stream().filter(a -> a.vertex() == v).forEach(a -> acks.putIfAbsent(a.subtask(), a));
        return acks;
    }

    private static void vertex(StringBuilder html, GraphVertex vertex, Map<Integer, CheckpointView.Ack> acks, long trigger,
                               long start) {
        List<CheckpointView.Ack> all = List.copyOf(acks.values());
        long latest = all.stream().mapToLong(CheckpointView.Ack::time).max().orElse(-1);
        html.append("<tbody class=\"vertex\" data-vertex=\"").append(Html.text(vertex.name())).append("\"><tr class=\"vertex-row\">"
                + "<th>").append(Html.text(vertex.name())).append("</th><td class=\"num\">").append(all.size()).append('/')
                .append(vertex.parallelism()).append(latest < 0 ? "" : ", latest " + Format.at(latest, start))
                .append("</td><td class=\"num\">").append(latest < 0 ? "-" : Format.millis(latest - trigger)).append("</td>");
        cell(html, Format.bytes(all.stream().mapToLong(CheckpointView.Ack::checkpointed).sum()));
        cell(html, Format.bytes(all.stream().mapToLong(CheckpointView.Ack::full).sum()));
        cell(html, "0 B");
        cell(html, maxMillis(all, CheckpointView.Ack::sync));
        cell(html, maxMillis(all, CheckpointView.Ack::async));
        cell(html, maxMillis(all, CheckpointView.Ack::alignment));
        cell(html, maxMillis(all, CheckpointView.Ack::startDelay));
        html.append("<td class=\"muted\">max over subtasks</td></tr>");
        for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
            subtask(html, vertex, subtask, acks.get(subtask), trigger, start);
        }
        html.append("</tbody>");
    }

    private static void subtask(StringBuilder html, GraphVertex vertex, int subtask, CheckpointView.Ack ack, long trigger,
                                long start) {
        html.append("<tr class=\"subtask").append(ack == null ? " missing" : "").append("\" data-task=\"")
                .append(Html.text(vertex.name() + "#" + subtask)).append("\"><td>#").append(subtask).append("</td>");
        if (ack == null) {
            html.append("<td colspan=\"10\" class=\"muted\">no acknowledgement</td></tr>");
            return;
        }
        cell(html, Format.at(ack.time(), start));
        cell(html, Format.millis(ack.time() - trigger));
        cell(html, Format.bytes(ack.checkpointed()));
        cell(html, Format.bytes(ack.full()));
        cell(html, "0 B");
        cell(html, Format.millis(ack.sync()));
        cell(html, Format.millis(ack.async()));
        cell(html, Format.millis(ack.alignment()));
        cell(html, Format.millis(ack.startDelay()));
        StringBuilder byOperator = new StringBuilder();
        for (var operator : vertex.operators()) {
            Long size = ack.byOperator().get(operator.uid());
            if (size != null) {
                byOperator.append(byOperator.isEmpty() ? "" : ", ").append(operator.uid()).append(' ').append(Format.bytes(size));
            }
        }
        html.append("<td>").append(Html.text(byOperator)).append("</td></tr>");
    }

    private static String maxMillis(List<CheckpointView.Ack> acks, ToLongFunction<CheckpointView.Ack> f) {
        return acks.isEmpty() ? "-" : Format.millis(acks.stream().mapToLong(f).max().orElse(0));
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(Html.text(text)).append("</td>");
    }
}
