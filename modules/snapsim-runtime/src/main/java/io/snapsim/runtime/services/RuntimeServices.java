package io.snapsim.runtime.services;

import io.snapsim.core.history.EventTypes;
import io.snapsim.core.history.History;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.time.Clock;
import java.util.SortedMap;
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

    /** Appends an event to the history, stamped with the job's clock. */
    public void record(String actor, String type, int attempt, long checkpointId, int channel, String detail) {
        history.append(new HistoryEvent(clock.millis(), actor, type, attempt, checkpointId, channel, detail));
    }

    /**
     * Appends an event about planned fault {@code fault} (its index in the plan): that it fired
     * ({@link EventTypes#FAULT_FIRED}), or what the job did about it.
     */
    public void recordFault(String actor, String type, int attempt, long checkpointId, int fault, String detail) {
        history.append(new HistoryEvent(clock.millis(), actor, type, attempt, checkpointId, -1, fault, detail, null));
    }

    /** Appends an event that carries counters, such as the records a task read and wrote. */
    public void recordCounts(String actor, String type, int attempt, String detail, SortedMap<String, Long> counts) {
        history.append(new HistoryEvent(clock.millis(), actor, type, attempt, -1, -1, -1, detail, counts));
    }
}
