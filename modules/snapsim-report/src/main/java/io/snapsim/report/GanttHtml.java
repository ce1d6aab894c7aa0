package io.snapsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-checkpoint Gantt view Flink users asked for: one row per subtask of the job, its bar
 * stacked from the trigger as start delay, alignment, sync and async, a tick where it acknowledged,
 * slowest first (subtasks that never acknowledged first of all: they held the checkpoint up).
 * {@code gantt.js} writes the same markup for the checkpoint the reader selects. Stateless.
 */
final class GanttHtml {
    /** The phases, in the order they are stacked, as CSS classes and as the legend names them. */
    static final List<String[]> PHASES = List.of(new String[] {"start-delay", "start delay"},
            new String[] {"alignment", "alignment"}, new String[] {"sync", "sync"}, new String[] {"async", "async"});

    private GanttHtml() {
    }

    /** One row: a task and its acknowledgement, or null when it sent none. */
    private record Row(int index, String task, CheckpointView.Ack ack) {
    }

    static String render(CheckpointView view, List<String> tasks) {
        List<Row> rows = rows(view, tasks);
        long trigger = view.stats().triggerTimestamp();
        long scale = 1;
        for (Row row : rows) {
            if (row.ack() != null) {
                scale = Math.max(scale, Math.max(row.ack().total(), row.ack().time() - trigger));
            }
        }
        StringBuilder html = new StringBuilder("<div class=\"gantt\" data-scale=\"").append(scale).append("\">")
                .append("<div class=\"gantt-legend\">");
        for (String[] phase : PHASES) {
            html.append("<span class=\"key ").append(phase[0]).append("\"></span>").append(phase[1]).append(' ');
        }
        html.append("<span class=\"key ack-key\"></span>acknowledged <span class=\"muted\">(0 to ")
                .append(Format.millis(scale)).append(" after the trigger)</span></div>");
        for (Row row : rows) {
            row(html, row, trigger, scale);
        }
        return html.append("</div>").toString();
    }

    /** Every task's row: those without an acknowledgement first, then the slowest, ties by task order. */
    private static List<Row> rows(CheckpointView view, List<String> tasks) {
        Map<String, CheckpointView.Ack> byTask = new HashMap<>();
        view.acks().forEach(a -> byTask.putIfAbsent(a.task(), a));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rows.add(new Row(i, tasks.get(i), byTask.get(tasks.get(i))));
        }
        long trigger = view.stats().triggerTimestamp();
        rows.sort(Comparator.comparing((Row r) -> r.ack() != null)
                .thenComparing(r -> r.ack() == null ? 0 : -r.ack().total())
                .thenComparing(r -> r.ack() == null ? 0 : -(r.ack().time() - trigger))
                .thenComparingInt(Row::index));
        return rows;
    }

    private static void row(StringBuilder html, Row row, long trigger, long scale) {
        CheckpointView.Ack ack = row.ack();
        html.append("<div class=\"gantt-row").append(ack == null ? " missing" : "").append("\" data-task=\"")
                .append(Html.text(row.task())).append("\"><span class=\"gantt-label\">").append(Html.text(row.task()))
                .append("</span><span class=\"gantt-bars\">");
        if (ack == null) {
            html.append("<span class=\"no-ack\">no acknowledgement</span></span><span class=\"gantt-total\">-</span></div>");
            return;
        }
        long[] values = {ack.startDelay(), ack.alignment(), ack.sync(), ack.async()};
        for (int p = 0; p < values.length; p++) {
            html.append("<span class=\"seg ").append(PHASES.get(p)[0]).append("\" style=\"width:")
                    .append(percent(values[p], scale)).append("%\" title=\"").append(PHASES.get(p)[1]).append(' ')
                    .append(Format.millis(values[p])).append("\"></span>");
        }
        html.append("<span class=\"ack-mark\" style=\"left:").append(percent(ack.time() - trigger, scale))
                .append("%\" title=\"acknowledged ").append(Format.millis(ack.time() - trigger))
                .append(" after the trigger\"></span></span><span class=\"gantt-total\">").append(Format.millis(ack.total()))
                .append("</span></div>");
    }

    /** {@code value} as a percentage of {@code scale}, two decimals, as {@code gantt.js} writes it. */
    static String percent(long value, long scale) {
        return String.format(Locale.ROOT, "%.2f", 100.0 * value / scale);
    }
}
