package io.snapsim.core.explain;

import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The job as its history has told it so far: the current attempt, every task of it, every
 * checkpoint, the latest completed one. Events are {@link #apply applied} in history order; nothing
 * here comes from live actors. What {@code snapsim step} shows of a subtask, and the context an
 * {@link Explainer} explains each event in. Mutable; confined to one thread.
 */
public final class JobView {
    private final Map<String, TaskView> tasks = new TreeMap<>();
    private final Map<Long, CheckpointView> checkpoints = new LinkedHashMap<>();
    private int attempt;
    private Long latestCompleted;
    private Long restoring;
    private int events;

    /** The current attempt (0 for the first deployment). */
    public int attempt() {
        return attempt;
    }

    /** How many events were applied. */
    public int events() {
        return events;
    }

    /** The checkpoint the latest deployment restored, or null for a fresh start. */
    public Long restoring() {
        return restoring;
    }

    /** The newest completed checkpoint (not savepoint), or null. */
    public Long latestCompleted() {
        return latestCompleted;
    }

    /** Every task seen so far, by name, in name order. */
    public List<TaskView> tasks() {
        return new ArrayList<>(tasks.values());
    }

    /**
     * The task named {@code name}: its full name ({@code sum->sink#0}) or the name of one operator of
     * its chain with the subtask ({@code sum#0}).
     */
    public Optional<TaskView> task(String name) {
        TaskView exact = tasks.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        int hash = name.lastIndexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String operator = name.substring(0, hash);
        String subtask = name.substring(hash);
        return tasks.values().stream().filter(t -> t.name().endsWith(subtask)
                && List.of(t.name().substring(0, t.name().lastIndexOf('#')).split("->")).contains(operator)).findFirst();
    }

    public Optional<CheckpointView> checkpoint(long id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    public List<CheckpointView> checkpoints() {
        return new ArrayList<>(checkpoints.values());
    }

    /** Takes {@code event} into the view. */
    public void apply(HistoryEvent event) {
        events++;
        if (event instanceof JobEvents.Deployed d) {
            attempt = d.attempt();
            restoring = d.checkpoint();
        } else if (event instanceof CheckpointEvents.Triggered t) {
            checkpoints.put(t.checkpoint(), new CheckpointView(t.checkpoint(), t.kind(), t.time(), t.tasks(), t.attempt()));
        } else if (event instanceof CheckpointEvents.SavepointTriggered t) {
            checkpoints.put(t.checkpoint(), new CheckpointView(t.checkpoint(), "savepoint", t.time(), t.tasks(), t.attempt()));
        } else if (event instanceof CheckpointEvents.Completed c) {
            latestCompleted = c.checkpoint();
            checkpoint(c.checkpoint()).ifPresent(v -> v.completed(c.time(), c.folder(), c.stateSize()));
        } else if (event instanceof CheckpointEvents.SavepointCompleted c) {
            checkpoint(c.checkpoint()).ifPresent(v -> v.completed(c.time(), c.folder(), c.stateSize()));
        } else if (event instanceof CheckpointEvents.Aborted a) {
            checkpoint(a.checkpoint()).filter(v -> v.status() == CheckpointView.Status.PENDING)
                    .ifPresent(v -> v.aborted(a.time(), a.reason() + (a.message() == null ? "" : ": " + a.message())));
        } else if (event instanceof JobEvents.CoordinatorCrashed c) {
            checkpoints.values().stream().filter(v -> v.status() == CheckpointView.Status.PENDING)
                    .forEach(v -> v.aborted(c.time(), "the checkpoint coordinator crashed"));
        } else if (isTaskEvent(event)) {
            TaskViews.apply(taskOf(event), event, this);
        }
    }

    void acknowledged(TaskEvents.Acknowledged a) {
        checkpoint(a.checkpoint()).ifPresent(v -> v.acknowledgedBy(a.actor(), Math.max(1, a.checkpointedSizes().size())));
    }

    private static boolean isTaskEvent(HistoryEvent event) {
        return !event.actor().equals("master") && !event.actor().equals("coordinator");
    }

    /** The view of the event's task; a task of a newer attempt starts afresh. Events of an older attempt leave it alone. */
    private TaskView taskOf(HistoryEvent event) {
        TaskView view = task(event.actor(), event.attempt());
        if (event.attempt() > view.attempt()) {
            view.newAttempt(event.attempt());
        }
        return view;
    }

    /** The view of task {@code name}, made for {@code attempt} if it has none yet (a task named by another's wiring). */
    TaskView task(String name, int attempt) {
        return tasks.computeIfAbsent(name, n -> new TaskView(n, attempt));
    }
}
