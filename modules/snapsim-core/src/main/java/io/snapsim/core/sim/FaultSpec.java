package io.snapsim.core.sim;

/**
 * One fault a simulation injects, as written under {@code faults:}. Each list item is a mapping
 * with a single key, the fault's {@link #type()}, whose value holds the fault's fields:
 * <pre>
 * faults:
 *   - crash: {operator: counter, subtask: 1, at-record: 7000}
 * </pre>
 * To add a kind: a record implementing this interface, its name in {@code permits}, and a reader
 * registered in {@link SimulationParser}. {@link RandomFaults} is the one item that is not a fault
 * but a placeholder for faults drawn from the seed; {@link OptionalFault} wraps a fault that a run may
 * pass without.
 */
public sealed interface FaultSpec permits CrashFault, Faults.CrashOperator, Faults.CrashTaskManager,
        Faults.CrashAt, Faults.CrashCoordinator, Faults.StorageFault, Faults.NetworkFault, Faults.SinkCommitFails, Faults.Cancel, Faults.Savepoint,
        RandomFaults, OptionalFault {

    /** The key that introduces this kind in a simulation file, e.g. {@code crash}. */
    String type();

    /** The fault to inject: this one, or the one an {@link OptionalFault} wraps. */
    default FaultSpec planned() {
        return this;
    }

    /**
     * Whether a run that never fires this fault tested nothing about it, and so is not VALID: true
     * unless it is an {@link OptionalFault}. A planned cancel or savepoint that never happened counts
     * the same way.
     */
    default boolean mustFire() {
        return true;
    }
}
