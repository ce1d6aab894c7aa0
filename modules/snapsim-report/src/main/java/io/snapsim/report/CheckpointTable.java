package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import java.util.List;
import java.util.Locale;

/**
 * Flink's checkpoint history table, a row per checkpoint and savepoint in trigger order: id,
 * status, kind, acknowledged subtasks, trigger time, latest acknowledgement, end-to-end duration,
 * checkpointed and full size, in-flight data (aligned checkpoints persist none), and why a failed
 * one failed. The id selects the checkpoint for the details below. Stateless.
 */
final class CheckpointTable {
    /** Rows shown at most: the most recent ones; summary.json has them all. */
    static final int MAX_ROWS = 1000;

    private CheckpointTable() {
    }

    static String render(List<CheckpointView> views, long start) {
        StringBuilder html = new StringBuilder();
        int from = Math.max(0, views.size() - MAX_ROWS);
        if (from > 0) {
            html.append("<p class=\"muted\">The ").append(Format.count(MAX_ROWS)).append(" most recent of ")
                    .append(Format.count(views.size())).append(" checkpoints; summary.json has them all.</p>");
        }
        html.append("<table class=\"checkpoints\"><thead><tr><th class=\"num\">id</th><th>status</th><th>kind</th>"
                + "<th class=\"num\">acknowledged</th><th class=\"num\">triggered</th><th class=\"num\">latest ack</th>"
                + "<th class=\"num\">end to end</th><th class=\"num\">checkpointed</th><th class=\"num\">full size</th>"
                + "<th class=\"num\">in-flight data</th><th>failure</th></tr></thead><tbody>");
        for (CheckpointView view : views.subList(from, views.size())) {
            row(html, view.stats(), start);
        }
        return html.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder html, CheckpointStats s, long start) {
        String status = status(s.status());
        html.append("<tr class=\"checkpoint ").append(status).append("\" data-checkpoint=\"").append(s.checkpointId())
                .append("\"><td class=\"num\"><button type=\"button\" class=\"select-checkpoint\" data-select=\"")
                .append(s.checkpointId()).append("\" title=\"show checkpoint ").append(s.checkpointId()).append("\">")
                .append(s.checkpointId()).append("</button></td><td><span class=\"status ").append(status).append("\">")
                .append(s.status()).append("</span></td><td>").append(s.kind().name().toLowerCase(Locale.ROOT))
                .append("</td><td class=\"num\">").append(s.numAcknowledged()).append('/').append(s.numTasks())
                .append("</td>");
        num(html, Format.at(s.triggerTimestamp(), start));
        num(html, s.latestAckTimestamp() < 0 ? "-" : Format.at(s.latestAckTimestamp(), start));
        num(html, Format.millis(s.endToEndDurationMs()));
        num(html, Format.bytes(s.checkpointedSize()));
        num(html, Format.bytes(s.stateSize()));
        html.append("<td class=\"num\" title=\"aligned checkpoints persist no in-flight data\">0 B</td><td>");
        if (s.failureReason() != null) {
            html.append("<span class=\"bad\">").append(Html.text(s.failureReason())).append("</span> ")
                    .append(Html.text(s.failureMessage()));
        }
        html.append("</td></tr>");
    }

    private static void num(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(Html.text(text)).append("</td>");
    }

    /** The status as a CSS class: {@code completed}, {@code failed}, {@code in-progress}. */
    static String status(CheckpointStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
