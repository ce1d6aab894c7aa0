package io.snapsim.runtime.task;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.operators.OperatorEvents;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.function.Function;

/**
 * One task's pen on the run's history: the common fields of its events (the job's time, the task's
 * name, its attempt) and the append. Also what the task's operators record through
 * ({@link OperatorEvents}): it stamps their events the same way. Confined to the owning task.
 */
final class TaskHistory implements OperatorEvents {
    private final RuntimeServices services;
    private final String actor;
    private final int attempt;

    /** @param actor the task's name, its chain and subtask, such as {@code source->tokenizer#1} */
    TaskHistory(RuntimeServices services, String actor, int attempt) {
        this.services = services;
        this.actor = actor;
        this.attempt = attempt;
    }

    /** The job's clock in milliseconds, the time every event carries. */
    long now() {
        return services.now();
    }

    String actor() {
        return actor;
    }

    int attempt() {
        return attempt;
    }

    void record(HistoryEvent event) {
        services.record(event);
    }

    @Override
    public void record(Function<Stamp, HistoryEvent> event) {
        services.record(event.apply(new Stamp(services.now(), actor, attempt)));
    }
}
