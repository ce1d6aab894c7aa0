package io.snapsim.core.state;

import io.snapsim.core.backend.BackendSpec;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.config.StateBackendType;

/**
 * The heap backend as the runtime gets it, from its factory through {@link StateBackends}: the
 * backend contract holds for it as for the heap backend made directly.
 */
class HeapBackendFromItsFactoryTest extends KeyedStateBackendContract {

    @Override
    KeyedStateBackend newBackend(KeyGroupRange range, int maxParallelism) {
        return StateBackends.factory(StateBackendType.HASHMAP)
                .create(new BackendSpec("job", "op", 0, 0, range, maxParallelism, false));
    }
}
