package io.snapsim.core.sim;

import java.util.Objects;

/**
 * A planned fault that a run may pass without: one marked {@code optional: true} in the simulation
 * file, or one drawn from the seed by a {@code random} item. Any other planned fault must fire, or
 * the run tested nothing about it and is not judged VALID. Injected exactly like the fault it wraps.
 *
 * @param fault  the fault itself (never another {@code OptionalFault})
 * @param reason why the run may pass without it
 */
public record OptionalFault(FaultSpec fault, Reason reason) implements FaultSpec {

    /** Why a fault need not fire. */
    public enum Reason {
        /** The simulation file marks it {@code optional: true}. */
        MARKED_OPTIONAL,
        /** A {@code random} item drew it from the seed: where it lands is up to the draw. */
        DRAWN_AT_RANDOM
    }

    public OptionalFault {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(reason, "reason");
        if (fault instanceof OptionalFault || fault instanceof RandomFaults) {
            throw new IllegalArgumentException("an optional fault wraps a concrete fault, not " + fault.type());
        }
    }

    /** {@code fault} marked optional in a simulation file. */
    public static OptionalFault marked(FaultSpec fault) {
        return new OptionalFault(fault, Reason.MARKED_OPTIONAL);
    }

    /** {@code fault} as a random draw produced it. */
    public static OptionalFault drawn(FaultSpec fault) {
        return new OptionalFault(fault, Reason.DRAWN_AT_RANDOM);
    }

    /** The same kind of wrapper around another fault (for example one the shrinker moved earlier). */
    public OptionalFault rewrap(FaultSpec other) {
        return new OptionalFault(other, reason);
    }

    /** The wrapped fault's type: an optional fault is injected exactly like the fault it wraps. */
    @Override
    public FaultType<?> faultType() {
        return fault.faultType();
    }

    @Override
    public FaultSpec planned() {
        return fault;
    }

    @Override
    public boolean mustFire() {
        return false;
    }
}
