package io.snapsim.core.api;

/**
 * Where keyed state lives while the job runs, and so the format of checkpoints. Set with
 * {@link StreamExecutionEnvironment#setStateBackend(StateBackend)}.
 */
public interface StateBackend {
    /** The value of {@code state.backend.type} this backend stands for. */
    String typeName();

    /** A per-job checkpoint directory given to the backend's constructor, or null. */
    default String checkpointDirectory() {
        return null;
    }
}
