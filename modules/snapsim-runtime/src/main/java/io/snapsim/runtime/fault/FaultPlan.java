package io.snapsim.runtime.fault;

import io.snapsim.runtime.task.ArmedFault;
import java.util.List;

/** The runtime's view of a simulation's faults: what tasks, channels and the coordinator must do. */
public record FaultPlan(List<ArmedFault> tasks, List<ChannelFault> channels, List<CoordinatorFault> coordinator,
                        io.snapsim.core.sim.Faults.Cancel cancel, io.snapsim.core.sim.Faults.Savepoint savepoint) {
    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of(), List.of());

    public FaultPlan(List<ArmedFault> tasks, List<ChannelFault> channels, List<CoordinatorFault> coordinator) {
        this(tasks, channels, coordinator, null, null);
    }

    /**
     * @param cancel    a planned cancellation of the job, or null
     * @param savepoint a planned savepoint (or stop-with-savepoint), or null
     */
    public FaultPlan {
        tasks = List.copyOf(tasks);
        channels = List.copyOf(channels);
        coordinator = List.copyOf(coordinator);
    }

    public static FaultPlan ofTasks(List<ArmedFault> tasks) {
        return new FaultPlan(tasks, List.of(), List.of());
    }

    public int size() {
        return tasks.size() + channels.size() + coordinator.size();
    }
}
