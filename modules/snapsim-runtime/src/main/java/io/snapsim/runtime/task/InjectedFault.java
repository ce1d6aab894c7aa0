package io.snapsim.runtime.task;

/** A crash planted by the simulation's fault plan; carries the index of the fault in the plan. */
public final class InjectedFault extends TaskFailure {
    private final int faultIndex;

    public InjectedFault(int faultIndex, String message) {
        super(message);
        this.faultIndex = faultIndex;
    }

    public int faultIndex() {
        return faultIndex;
    }
}
