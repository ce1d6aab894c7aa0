package io.snapsim.core.explain;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the events about one checkpoint add up to, for a one-line summary: the tasks its barriers
 * reached, its alignments and the longest, its sink commits, and the deployments that restored it.
 * Mutable; confined to the {@link CheckpointNarrative} that fills it.
 */
final class CheckpointSummary {
    private final long id;
    private final Set<String> reached = new TreeSet<>();
    private int alignments;
    private long longestAlignment = -1;
    private String longestAligner;
    private int commits;
    private final List<Integer> restoredIn = new ArrayList<>();

    CheckpointSummary(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    void add(HistoryEvent event) {
        if (event instanceof TaskEvents.BarrierReceived b) {
            reached.add(b.actor());
        } else if (event instanceof TaskEvents.AlignmentCompleted a) {
            alignments++;
            if (a.durationMillis() > longestAlignment) {
                longestAlignment = a.durationMillis();
                longestAligner = a.actor();
            }
        } else if (event instanceof TaskEvents.SinkCommitted) {
            commits++;
        } else if (event instanceof JobEvents.Deployed d) {
            restoredIn.add(d.attempt());
        }
    }

    /** "checkpoint 3 (periodic), triggered at t=43 ms in attempt 0: completed at t=53 ms in chk-3" */
    static String heading(CheckpointView c) {
        String label = c.label() + ("savepoint".equals(c.kind()) ? "" : " (" + c.kind() + ")");
        String end = switch (c.status()) {
            case PENDING -> "never completed nor aborted in this history";
            case COMPLETED -> "completed at t=" + c.endedAt() + " ms in " + c.folder();
            case ABORTED -> "aborted at t=" + c.endedAt() + " ms: " + c.reason();
        };
        return label + ", triggered at t=" + c.triggeredAt() + " ms in attempt " + c.attempt() + ": " + end;
    }

    String line(CheckpointView c) {
        List<String> parts = new ArrayList<>();
        parts.add("barriers reached " + Words.count(reached.size(), "task"));
        if (alignments > 0) {
            parts.add(Words.count(alignments, "alignment") + " (longest " + longestAlignment + " ms, " + longestAligner + ")");
        }
        parts.add(c.acknowledgements() + "/" + c.tasks() + " acknowledged");
        if (commits > 0) {
            parts.add(Words.count(commits, "sink commit"));
        }
        if (!restoredIn.isEmpty()) {
            parts.add("restored in attempt " + Words.list(restoredIn.stream().map(String::valueOf).toList()));
        }
        return heading(c) + "; " + String.join(", ", parts);
    }
}
