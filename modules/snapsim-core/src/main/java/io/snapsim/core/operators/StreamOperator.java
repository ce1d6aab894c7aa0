package io.snapsim.core.operators;

/**
 * One parallel instance of an operator, driven by its task. The life cycle is
 * {@code setup → (restoreExternalLocation? restoreOperatorState?) → open → (processElement | snapshotOperatorState |
 * notifyCheckpointComplete | notifyCheckpointAborted)* → endInput → close}. Keyed state is
 * snapshotted and restored by the task through the backend in the context; an operator only
 * handles its own non-keyed state. Confined to the owning task; not thread-safe.
 */
public interface StreamOperator {
    void setup(OperatorContext context);

    /**
     * Where this operator writes outside the job, for a file sink its folder: recorded in each
     * checkpoint's metadata next to its state (not in it), so that a restore, or a resumed run's
     * verdict, finds what it wrote. Null for an operator that writes nowhere else.
     */
    default java.nio.file.Path externalLocation() {
        return null;
    }

    /** Before {@link #restoreOperatorState}: where the restored snapshot's instance wrote ({@link #externalLocation}). */
    default void restoreExternalLocation(java.nio.file.Path location) throws Exception {
    }

    /** Restores non-keyed operator state taken by {@link #snapshotOperatorState}. */
    default void restoreOperatorState(byte[] state) throws Exception {
    }

    default void open() throws Exception {
    }

    /** Processes one record arriving on input 0 or 1. */
    void processElement(int input, Object record) throws Exception;

    /** Snapshots non-keyed operator state for checkpoint {@code checkpointId}; null when there is none. */
    default byte[] snapshotOperatorState(long checkpointId) throws Exception {
        return null;
    }

    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    default void notifyCheckpointAborted(long checkpointId) throws Exception {
    }

    /** All inputs have ended; {@code checkpointingEnabled} false means no final checkpoint will come. */
    default void endInput(boolean checkpointingEnabled) throws Exception {
    }

    default void close() throws Exception {
    }

    /** True when the operator keeps keyed state (the task then gives it a backend). */
    default boolean isKeyed() {
        return false;
    }

    /** The key selector for records of {@code input}, for keyed operators. */
    default Object keyOf(int input, Object record) throws Exception {
        throw new UnsupportedOperationException("operator is not keyed");
    }
}
