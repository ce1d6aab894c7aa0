package io.snapsim.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A subtask's state and channels as its history so far tells them, for {@code snapsim step}'s
 * {@code s NAME}: its phase and attempt, what it restored, its last snapshot, what it is aligning and
 * waiting for, each input and output channel with where the latest barrier cut it (the records it
 * carried before that barrier) and whether it is blocked, and its sink's open transactions. The
 * history records a channel's record count at each barrier, not per record, so counts are as of the
 * latest barrier. Stateless.
 */
public final class TaskReport {
    private TaskReport() {
    }

    public static List<String> of(TaskView task) {
        List<String> lines = new ArrayList<>();
        lines.add(task.name() + ", attempt " + task.attempt() + ": " + task.phase().displayName()
                + (task.restoredFrom() == null ? "" : ", restored from checkpoint " + task.restoredFrom()));
        TaskView.LastSnapshot last = task.lastSnapshot();
        lines.add("  last snapshot: " + (last == null ? "none in this attempt" : "checkpoint " + last.checkpoint() + " at t="
                + last.time() + " ms, records processed " + last.records()
                + (last.sourcePositions().isEmpty() ? "" : ", resume at " + Words.positions(last.sourcePositions()))));
        if (task.aligning() != null) {
            lines.add("  aligning checkpoint " + task.aligning() + " since t=" + task.aligningSince() + " ms, waiting for"
                    + " its barrier from " + Words.list(task.upstreamOf(task.waitingFor(task.aligning()))));
        }
        lines.add("  input channels:" + (task.inputs().isEmpty() ? " none (a source)" : ""));
        for (int c = 0; c < task.inputs().size(); c++) {
            String state = task.blocked().contains(c) ? "  BLOCKED" : task.ended().contains(c) ? "  ended" : "";
            lines.add("    " + c + " from " + task.inputs().get(c) + ": " + cut(task.inputCuts().get(c)) + state);
        }
        lines.add("  output channels:" + (task.outputs().isEmpty() ? " none (its chain ends in a sink)" : ""));
        for (int c = 0; c < task.outputs().size(); c++) {
            lines.add("    " + c + " to " + task.outputs().get(c) + ": " + cut(task.outputCuts().get(c)));
        }
        for (Map.Entry<Long, String> t : task.pendingTransactions().entrySet()) {
            lines.add("  sink: transaction " + t.getValue() + " pre-committed for checkpoint " + t.getKey()
                    + ", not committed yet");
        }
        return lines;
    }

    private static String cut(TaskView.Cut cut) {
        return cut == null ? "no barrier yet in this attempt" : Words.count(cut.records(), "record") + " before barrier "
                + cut.checkpoint() + " (t=" + cut.time() + " ms)";
    }
}
