package io.snapsim.runtime.sim;

import io.snapsim.core.history.HistoryEvent;

/**
 * Watches a deterministic run's history event by event, on the one thread that drives the run,
 * which is how {@code snapsim step} pauses a run between two events: while {@link #onEvent} has not
 * returned, no actor, timer or I/O task of the run moves. Given to {@link SimulationRunner#tapping};
 * it sees the run under faults, not the failure-free reference.
 */
public interface RunTap {
    /**
     * Called right after {@code event} was appended (and flushed) to the run's {@code history.jsonl}, on
     * the run's driver thread, from inside the actor that recorded it. The run waits until it returns.
     * Must not throw.
     */
    void onEvent(HistoryEvent event);

    /** Whether to stop the run now, unfinished; checked on the driver thread before every step of the run. */
    boolean stopRequested();
}
