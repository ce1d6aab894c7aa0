package io.snapsim.runtime.services;

import io.snapsim.core.history.History;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.time.Clock;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What the runtime takes from its environment instead of reaching for globals: the clock, the
 * executor for storage I/O (the asynchronous part of snapshots, metadata writes), a seeded random
 * generator, and the run's history. Live runs pass the system clock and a thread pool;
 * deterministic runs pass virtual time and the deterministic executor.
 */
public record RuntimeServices(Clock clock, Executor ioExecutor, RandomGenerator random, History history) {

    public RuntimeServices(Clock clock, Executor ioExecutor, RandomGenerator random) {
        this(clock, ioExecutor, random, History.NONE);
    }

    /** The job's clock in milliseconds, the time every history event carries. */
    public long now() {
        return clock.millis();
    }

    /** Appends an event to the run's history. */
    public void record(HistoryEvent event) {
        history.append(event);
    }
}
