package io.snapsim.runtime.task;

import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;

/**
 * The phase of a task's life as its history tells it: a {@code task-lifecycle} event at every
 * change, from {@link TaskPhase#DEPLOYING} (recorded at creation) to exactly one terminal phase.
 * The actor's behaviours decide what a phase accepts; this only writes them down, and remembers
 * whether the task already ended, so that the stop that follows a failure or a finish is not
 * recorded as a second end.
 *
 * <p>Invariants: phases only move forward ({@link TaskPhase} order); the terminal event carries the
 * records the task read and wrote, the others none. Confined to the owning task.
 */
final class TaskPhases {
    private final TaskHistory history;
    private TaskPhase current;

    TaskPhases(TaskHistory history) {
        this.history = history;
        this.current = TaskPhase.DEPLOYING;
        history.record(new TaskEvents.Lifecycle(history.now(), history.actor(), history.attempt(), current, null, null,
                null));
    }

    TaskPhase current() {
        return current;
    }

    boolean hasEnded() {
        return current.isTerminal();
    }

    /**
     * Moves to the non-terminal phase {@code next}, later than the current one.
     *
     * @throws IllegalArgumentException for a terminal phase (see {@link #end})
     * @throws IllegalStateException if {@code next} is not after the current phase
     */
    void enter(TaskPhase next) {
        if (next.isTerminal()) {
            throw new IllegalArgumentException(next + " is terminal: the task ends with end()");
        }
        if (next.ordinal() <= current.ordinal()) {
            throw new IllegalStateException("a task in phase " + current + " cannot move back to " + next);
        }
        current = next;
        history.record(new TaskEvents.Lifecycle(history.now(), history.actor(), history.attempt(), next, null, null,
                null));
    }

    /**
     * Ends the task in {@code terminal}, with the records its sources read and its sinks wrote in this
     * attempt and, for a failure, the message. Does nothing when it already ended.
     *
     * @return false when the task had already ended
     */
    boolean end(TaskPhase terminal, long sourceRecords, long sinkRecords, String message) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal + " is not terminal");
        }
        if (hasEnded()) {
            return false;
        }
        current = terminal;
        history.record(new TaskEvents.Lifecycle(history.now(), history.actor(), history.attempt(), terminal,
                sourceRecords, sinkRecords, message));
        return true;
    }
}
