package io.snapsim.core.backend;

import io.snapsim.core.config.StateBackendType;
import io.snapsim.core.state.HeapKeyedStateBackend;

/**
 * The {@code hashmap} state backend: state as objects on the heap, every checkpoint a canonical
 * full copy. Registered for {@link java.util.ServiceLoader} by core. Stateless.
 */
public final class HeapStateBackendFactory implements StateBackendFactory {

    @Override
    public StateBackendType type() {
        return StateBackendType.HASHMAP;
    }

    @Override
    public CheckpointableKeyedStateBackend create(BackendSpec spec) {
        return new CanonicalOnlyBackend(new HeapKeyedStateBackend(spec.keyGroups(), spec.maxParallelism()));
    }
}
