package io.snapsim.report;

import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans a timeline shades: each attempt from its deployment to its failover (or the job's
 * end), each checkpoint from its trigger to its completion or abort, and each task's phases
 * (deploying, restoring, running, draining) until its terminal phase. Stateless.
 */
final class RunSpans {
    /** A checkpoint's fate on the page. */
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int UNFINISHED = 2;

    private RunSpans() {
    }

    /** Rows {@code [attempt, x0, x1, restoredCheckpoint | null]}, in attempt order. */
    static List<Object> attempts(Positions positions) {
        Map<Integer, Object[]> attempts = new LinkedHashMap<>();
        double end = endOf(positions);
        for (HistoryEvent e : positions.ordered()) {
            double x = Positions.round(positions.of(e));
            if (e instanceof JobEvents.Deployed d) {
                attempts.values().forEach(a -> a[2] = a[2] == null ? x : a[2]);
                attempts.put(e.attempt(), new Object[] {e.attempt(), x, null, d.checkpoint()});
            } else if (e instanceof JobEvents.Failover || e instanceof JobEvents.Ended) {
                Object[] a = attempts.get(e.attempt());
                if (a != null && a[2] == null) {
                    a[2] = x;
                }
            }
        }
        attempts.values().forEach(a -> a[2] = a[2] == null ? end : a[2]);
        return attempts.values().stream().<Object>map(Arrays::asList).toList();
    }

    /**
     * Rows {@code [checkpoint, x0, x1, status, kind, attempt, reason | null]}: {@code status}
     * {@link #COMPLETED}, {@link #FAILED} or {@link #UNFINISHED}; {@code kind} and {@code reason}
     * index {@code strings}. Ordered by trigger.
     */
    static List<Object> checkpoints(Positions positions, StringTable strings) {
        Map<Long, Object[]> checkpoints = new LinkedHashMap<>();
        for (HistoryEvent e : positions.ordered()) {
            double x = Positions.round(positions.of(e));
            if (e instanceof CheckpointEvents.Triggered t) {
                checkpoints.put(t.checkpoint(), row(t.checkpoint(), x, strings.of(t.kind()), e.attempt()));
            } else if (e instanceof CheckpointEvents.SavepointTriggered t) {
                checkpoints.put(t.checkpoint(), row(t.checkpoint(), x, strings.of("savepoint"), e.attempt()));
            } else if (e instanceof CheckpointEvents.Completed c) {
                end(checkpoints.get(c.checkpoint()), x, COMPLETED, null);
            } else if (e instanceof CheckpointEvents.SavepointCompleted c) {
                end(checkpoints.get(c.checkpoint()), x, COMPLETED, null);
            } else if (e instanceof CheckpointEvents.Aborted a) {
                end(checkpoints.get(a.checkpoint()), x, FAILED, strings.of(a.reason() + ": " + a.message()));
            }
        }
        double end = endOf(positions);
        checkpoints.values().forEach(c -> c[2] = c[2] == null ? end : c[2]);
        return checkpoints.values().stream().<Object>map(Arrays::asList).toList();
    }

    private static Object[] row(long checkpoint, double x, int kind, int attempt) {
        return new Object[] {checkpoint, x, null, UNFINISHED, kind, attempt, null};
    }

    private static void end(Object[] checkpoint, double x, int status, Integer reason) {
        if (checkpoint != null && (int) checkpoint[3] == UNFINISHED) {
            checkpoint[2] = x;
            checkpoint[3] = status;
            checkpoint[6] = reason;
        }
    }

    /** Rows {@code [lane, x0, x1, phase, attempt]} for each phase a task was in until a terminal one; {@code phase} indexes {@code strings}. */
    static List<Object> phases(Positions positions, Lanes lanes, StringTable strings) {
        Map<String, Object[]> current = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (HistoryEvent e : positions.ordered()) {
            if (e instanceof TaskEvents.Lifecycle l) {
                double x = Positions.round(positions.of(e));
                String key = e.attempt() + " " + e.actor();
                Object[] previous = current.remove(key);
                if (previous != null) {
                    previous[2] = x;
                }
                if (!l.phase().isTerminal()) {
                    Object[] row = {lanes.of(e.actor()), x, null, strings.of(l.phase().displayName()), e.attempt()};
                    current.put(key, row);
                    rows.add(row);
                }
            }
        }
        double end = endOf(positions);
        current.values().forEach(r -> r[2] = end);
        return rows.stream().<Object>map(Arrays::asList).toList();
    }

    /** Where the history ends: just after its last event. */
    static double endOf(Positions positions) {
        List<HistoryEvent> events = positions.ordered();
        return events.isEmpty() ? 1 : events.get(events.size() - 1).time() + 1;
    }
}
