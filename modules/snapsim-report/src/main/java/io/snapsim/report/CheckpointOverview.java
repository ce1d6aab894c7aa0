package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.RestoredSnapshot;
import java.util.List;

/**
 * The top of Flink's checkpoint overview: the counts (triggered, in progress, completed, failed,
 * restored) and the latest completed checkpoint, failed checkpoint (with its reason), savepoint
 * and restore. Stateless.
 */
final class CheckpointOverview {
    private CheckpointOverview() {
    }

    static String render(ReportInput input, List<CheckpointView> views) {
        CheckpointCounts c = input.record().run().checkpoints().counts();
        long start = input.start();
        StringBuilder html = new StringBuilder("<div class=\"counts\">");
        count(html, "triggered", c.triggered(), "");
        count(html, "in progress", c.inProgress(), "in-progress");
        count(html, "completed", c.completed(), "completed");
        count(html, "failed", c.failed(), "failed");
        count(html, "restored", c.restored(), "");
        html.append("</div><dl class=\"facts latest\">");
        latest(html, "latest completed", last(views, CheckpointStatus.COMPLETED, true), start);
        latest(html, "latest failed", last(views, CheckpointStatus.FAILED, null), start);
        latest(html, "latest savepoint", last(views, CheckpointStatus.COMPLETED, false), start);
        html.append("<dt>latest restore</dt><dd>").append(latestRestore(input, start)).append("</dd></dl>");
        return html.toString();
    }

    private static void count(StringBuilder html, String name, long n, String status) {
        html.append("<div class=\"count ").append(status).append("\"><span class=\"n\">").append(Format.count(n))
                .append("</span><span class=\"what\">").append(name).append("</span></div>");
    }

    /** The last view with {@code status}; {@code checkpoint}: true for checkpoints, false for savepoints, null for either. */
    private static CheckpointView last(List<CheckpointView> views, CheckpointStatus status, Boolean checkpoint) {
        CheckpointView found = null;
        for (CheckpointView v : views) {
            if (v.stats().status() == status && (checkpoint == null || v.stats().kind().isCheckpoint() == checkpoint)) {
                found = v;
            }
        }
        return found;
    }

    private static void latest(StringBuilder html, String name, CheckpointView view, long start) {
        html.append("<dt>").append(name).append("</dt><dd>");
        if (view == null) {
            html.append("<span class=\"muted\">none</span></dd>");
            return;
        }
        CheckpointStats s = view.stats();
        html.append("<strong>").append(s.kind() == TriggerKind.SAVEPOINT ? "savepoint " : "checkpoint ")
                .append(s.checkpointId()).append("</strong>, ")
                .append(s.status() == CheckpointStatus.FAILED ? "failed at " : "completed at ")
                .append(view.endTime() < 0 ? "?" : Format.at(view.endTime(), start)).append(", end to end ")
                .append(Format.millis(s.endToEndDurationMs()));
        if (s.status() == CheckpointStatus.FAILED) {
            html.append(": <span class=\"bad\">").append(Html.text(s.failureReason())).append("</span> ")
                    .append(Html.text(s.failureMessage()));
        } else {
            html.append(", ").append(Format.bytes(s.checkpointedSize())).append(" checkpointed of ")
                    .append(Format.bytes(s.stateSize())).append(view.folder() == null ? ""
                            : ", in <code>" + Html.text(view.folder()) + "</code>");
        }
        html.append("</dd>");
    }

    private static String latestRestore(ReportInput input, long start) {
        JobEvents.Deployed restore = null;
        for (HistoryEvent event : input.history()) {
            if (event instanceof JobEvents.Deployed d && d.checkpoint() != null) {
                restore = d;
            }
        }
        if (restore == null) {
            return "<span class=\"muted\">none: every attempt started fresh</span>";
        }
        RestoredSnapshot from = input.record().inputs().restoredFrom();
        boolean submitted = restore.attempt() == 0 && from != null;
        return "<strong>" + (submitted ? Html.text(from.describe()) : "checkpoint " + restore.checkpoint())
                + "</strong>, restored at " + Format.at(restore.time(), start) + " by attempt " + restore.attempt()
                + (submitted ? " from <code>" + Html.text(from.metadataPath()) + "</code> (run -s)"
                        : " after a failover");
    }
}
