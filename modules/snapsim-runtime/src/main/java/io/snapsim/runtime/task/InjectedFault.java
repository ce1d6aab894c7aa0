package io.snapsim.runtime.task;

/** A crash planted by the simulation's fault plan; carries the index of the fault in the plan. */
public final class InjectedFault extends TaskFailure {
    private final int faultIndex;
    private final long checkpointId;

    public InjectedFault(int faultIndex, String message) {
        this(faultIndex, -1, message);
    }

    /** A planned crash tied to checkpoint {@code checkpointId} (-1: none). */
    public InjectedFault(int faultIndex, long checkpointId, String message) {
        super(message);
        this.faultIndex = faultIndex;
        this.checkpointId = checkpointId;
    }

    public int faultIndex() {
        return faultIndex;
    }

    public long checkpointId() {
        return checkpointId;
    }
}
