package io.snapsim.runtime.fault;

import io.snapsim.core.sim.Faults;
import io.snapsim.runtime.fault.ArmedFault;
import java.util.List;

/**
 * The runtime's view of a simulation's faults: what tasks, channels and the coordinator must do,
 * and the planned operator actions (a cancel, a savepoint). Every entry keeps the index of its
 * fault in the simulation's plan, which the history's {@code fault-fired} events name.
 *
 * @param cancel         a planned cancellation of the job, or null
 * @param savepoint      a planned savepoint (or stop-with-savepoint), or null
 * @param cancelIndex    the plan index of {@code cancel}, or -1
 * @param savepointIndex the plan index of {@code savepoint}, or -1
 */
public record FaultPlan(List<ArmedFault> tasks, List<ChannelFault> channels, List<CoordinatorFault> coordinator,
                        Faults.Cancel cancel, Faults.Savepoint savepoint, int cancelIndex, int savepointIndex) {
    public static final FaultPlan NONE = new FaultPlan(List.of(), List.of(), List.of());

    public FaultPlan(List<ArmedFault> tasks, List<ChannelFault> channels, List<CoordinatorFault> coordinator) {
        this(tasks, channels, coordinator, null, null, -1, -1);
    }

    public FaultPlan {
        tasks = List.copyOf(tasks);
        channels = List.copyOf(channels);
        coordinator = List.copyOf(coordinator);
    }

    public static FaultPlan ofTasks(List<ArmedFault> tasks) {
        return new FaultPlan(tasks, List.of(), List.of());
    }
}
