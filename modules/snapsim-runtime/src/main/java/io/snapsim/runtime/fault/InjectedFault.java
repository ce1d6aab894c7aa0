package io.snapsim.runtime.fault;

import io.snapsim.core.history.FaultInjected;

/**
 * A failure planted by the simulation's fault plan: a crash, or a failed sink commit. Thrown where
 * it strikes, it fails the task like any other exception; it carries what the history's
 * {@link FaultInjected} event says about it. Immutable.
 */
public final class InjectedFault extends RuntimeException {
    private final int faultIndex;
    private final String kind;
    private final String phase;
    private final long checkpointId;

    /**
     * @param faultIndex   the fault's index in the plan
     * @param kind         as the plan names it: {@code crash}, {@code sink-commit-fails}
     * @param phase        where in a checkpoint it struck, or null
     * @param checkpointId the checkpoint it is tied to, or -1
     */
    public InjectedFault(int faultIndex, String kind, String phase, long checkpointId, String message) {
        super(message);
        this.faultIndex = faultIndex;
        this.kind = kind;
        this.phase = phase;
        this.checkpointId = checkpointId;
    }

    /** A crash at a record or a time, tied to no checkpoint. */
    public static InjectedFault crash(int faultIndex, String message) {
        return new InjectedFault(faultIndex, "crash", null, -1, message);
    }

    /** The history's record of this fault, fired by {@code target}. */
    public FaultInjected event(long time, String target, int attempt) {
        return new FaultInjected(time, target, attempt, faultIndex, kind, target, phase,
                checkpointId < 0 ? null : checkpointId, getMessage());
    }

    public int faultIndex() {
        return faultIndex;
    }
}
