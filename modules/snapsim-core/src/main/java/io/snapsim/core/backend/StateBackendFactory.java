package io.snapsim.core.backend;

import io.snapsim.core.config.StateBackendType;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates the keyed state backends of one {@link StateBackendType}. Implementations are found with
 * {@link java.util.ServiceLoader}: a module registers its factory in
 * {@code META-INF/services/io.snapsim.core.backend.StateBackendFactory}, and needs a public no-argument
 * constructor. At most one factory per type may be on the class path.
 *
 * <p>Stateless and thread-safe: tasks of any thread may call it at once.
 */
public interface StateBackendFactory {

    /** The {@code state.backend.type} this factory serves. */
    StateBackendType type();

    /**
     * A new, empty backend for one operator subtask of one attempt. The caller owns it and closes it
     * when the task stops.
     */
    CheckpointableKeyedStateBackend create(BackendSpec spec);

    /**
     * The folder under which this backend keeps a job's local working files (one folder per operator
     * subtask and attempt, each deleted by its backend's {@code close}), or empty when the backend
     * keeps nothing on local disk. The job's runner removes the folder once every task stopped.
     */
    default Optional<Path> localStateRoot(String jobId) {
        return Optional.empty();
    }
}
