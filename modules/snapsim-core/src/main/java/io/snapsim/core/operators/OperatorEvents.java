package io.snapsim.core.operators;

import io.snapsim.core.history.HistoryEvent;
import java.util.function.Function;

/**
 * How an operator writes to the run's history. An operator knows what happened but not when, by
 * whom or in which attempt: the task stamps each event with the job's time, its own name and its
 * attempt ({@link Stamp}), and appends it. Confined to the owning task.
 */
@FunctionalInterface
public interface OperatorEvents {

    /** Records nothing: for operators driven outside a task. */
    OperatorEvents NONE = event -> { };

    /**
     * The common fields of every event, as the task fills them in.
     *
     * @param time    the job's clock in milliseconds
     * @param actor   the task's name, such as {@code sum->sink#0}
     * @param attempt the execution attempt
     */
    record Stamp(long time, String actor, int attempt) {
    }

    /** Appends the event that {@code event} builds from the task's stamp. */
    void record(Function<Stamp, HistoryEvent> event);
}
