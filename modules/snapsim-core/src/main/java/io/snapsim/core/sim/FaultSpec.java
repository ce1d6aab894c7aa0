package io.snapsim.core.sim;

/**
 * One fault a simulation injects, as written under {@code faults:}. Each list item is a mapping
 * with a single key, the fault's {@link #type()}, whose value holds the fault's fields:
 * <pre>
 * faults:
 *   - crash: {operator: counter, subtask: 1, at-record: 7000}
 * </pre>
 * A fault is a value (a record); what snapsim does with it lives in its {@link FaultType}, which
 * reads, draws, describes, shrinks and arms faults of that type. To add a kind: one file with the
 * record and its type, and the type's line in {@link FaultTypes#CATALOGUE}. {@link RandomFaults} is
 * the one item that is not a fault but a placeholder for faults drawn from the seed;
 * {@link OptionalFault} wraps a fault that a run may pass without.
 *
 * <p>Implementations are immutable records; any thread may use them.
 */
public interface FaultSpec {

    /** What this fault is, and everything that is done with a fault of it. */
    FaultType<?> faultType();

    /** The key that introduces this kind in a simulation file, e.g. {@code crash}. */
    default String type() {
        return faultType().name();
    }

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

    /**
     * Checks the planned fault against the job and tells {@code targets} what to inject; a
     * {@code random} item not yet expanded arms nothing.
     */
    default void arm(FaultTargets targets) {
        faultType().armFault(planned(), targets);
    }
}
