package io.snapsim.runtime.coordinator;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.runtime.services.RuntimeServices;

/**
 * Where the coordinator's parts write the run's history: every event they record carries the
 * job's clock, the coordinator's actor name and the attempt that runs. Confined to the coordinator actor.
 */
final class CoordinatorHistory {
    /** The actor name in the coordinator's events. */
    static final String ACTOR = "coordinator";

    private final RuntimeServices services;
    private final TaskRoster<?> roster;

    CoordinatorHistory(RuntimeServices services, TaskRoster<?> roster) {
        this.services = services;
        this.roster = roster;
    }

    /** The job's clock in milliseconds. */
    long now() {
        return services.now();
    }

    /** The attempt that runs, which the coordinator's events name. */
    int attempt() {
        return roster.attempt();
    }

    void record(HistoryEvent event) {
        services.record(event);
    }
}
