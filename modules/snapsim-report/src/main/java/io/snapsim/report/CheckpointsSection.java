package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.run.JobRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's checkpoints as Flink's web UI shows them: the counts and the latest of each kind, the
 * history table, and one checkpoint's details (per chain and per subtask) with its Gantt view;
 * a strip of recent checkpoints coloured by status selects which one (plain inline scripts,
 * buttons, so the keyboard works too). Without scripts the page shows the latest completed one.
 */
final class CheckpointsSection implements ReportSection {
    /** Checkpoints the strip shows: the most recent ones. */
    static final int STRIP = 40;

    @Override
    public String id() {
        return "checkpoints";
    }

    @Override
    public String title() {
        return "Checkpoints";
    }

    @Override
    public String body(ReportInput input) {
        JobRecord run = input.record().run();
        if (run == null) {
            return "<p class=\"muted\">The run never started, so it took no checkpoints.</p>";
        }
        if (!run.checkpointing()) {
            return "<p class=\"muted\">Checkpointing is off for this run (no checkpoint interval).</p>";
        }
        List<CheckpointView> views = CheckpointView.of(input);
        long start = input.start();
        StringBuilder html = new StringBuilder(CheckpointOverview.render(input, views));
        html.append("<h3>History</h3>");
        if (views.isEmpty()) {
            return html.append("<p class=\"muted\">No checkpoint was triggered.</p>").toString();
        }
        html.append(CheckpointTable.render(views, start));
        List<CheckpointView> kept = CheckpointData.kept(views);
        CheckpointView selected = selected(kept);
        html.append("<h3>Checkpoint details</h3>").append(strip(kept, selected))
                .append("<div id=\"checkpoint-detail\" class=\"checkpoint-detail\" data-checkpoint=\"")
                .append(selected.stats().checkpointId()).append("\" aria-live=\"polite\">")
                .append(CheckpointDetail.render(selected, input.shape(), start))
                .append("<h4>Gantt: where each subtask spent the checkpoint</h4>")
                .append(GanttHtml.render(selected, tasks(input.shape(), views))).append("</div>");
        return html.toString();
    }

    @Override
    public Map<String, Object> data(ReportInput input) {
        JobRecord run = input.record().run();
        if (run == null || !run.checkpointing()) {
            return Map.of();
        }
        List<CheckpointView> views = CheckpointView.of(input);
        if (views.isEmpty()) {
            return Map.of();
        }
        List<CheckpointView> kept = CheckpointData.kept(views);
        return CheckpointData.of(kept, input.shape(), tasks(input.shape(), views), input.start(),
                selected(kept).stats().checkpointId());
    }

    @Override
    public List<String> scripts() {
        return List.of("checkpoint-format.js", "checkpoint-detail.js", "gantt.js", "checkpoints.js");
    }

    /** The latest completed checkpoint with details in the page, else the latest one. */
    private static CheckpointView selected(List<CheckpointView> kept) {
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (kept.get(i).stats().status() == CheckpointStatus.COMPLETED) {
                return kept.get(i);
            }
        }
        return kept.get(kept.size() - 1);
    }

    /** Every subtask of the job, and any task that acknowledged without being in the job's shape. */
    private static List<String> tasks(JobShape shape, List<CheckpointView> views) {
        Set<String> tasks = new LinkedHashSet<>(shape.tasks());
        views.forEach(v -> v.acks().forEach(a -> tasks.add(a.task())));
        return new ArrayList<>(tasks);
    }

    private static String strip(List<CheckpointView> kept, CheckpointView selected) {
        StringBuilder html = new StringBuilder("<div class=\"strip\" role=\"toolbar\" aria-label=\"recent checkpoints:"
                + " select one (arrow keys move)\"><span class=\"muted\">recent:</span>");
        for (CheckpointView view : kept.subList(Math.max(0, kept.size() - STRIP), kept.size())) {
            long id = view.stats().checkpointId();
            html.append("<button type=\"button\" class=\"strip-checkpoint ").append(CheckpointTable.status(view.stats().status()))
                    .append("\" data-select=\"").append(id).append("\" aria-pressed=\"").append(view == selected)
                    .append("\" title=\"checkpoint ").append(id).append(": ").append(view.stats().status()).append("\">")
                    .append(id).append("</button>");
        }
        return html.append("</div>").toString();
    }
}
