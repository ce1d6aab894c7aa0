package io.snapsim.core.backend;

import io.snapsim.core.config.StateBackendType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The {@link StateBackendFactory} of each {@link StateBackendType} on the class path, found once
 * with {@link ServiceLoader} through this class's own class loader (so that the answer does not
 * depend on the calling thread). The table is built when the class loads and never changes.
 * Thread-safe.
 */
public final class StateBackends {
    private static final Map<StateBackendType, StateBackendFactory> FACTORIES = load();

    private StateBackends() {
    }

    /**
     * The factory of {@code type}.
     *
     * @throws IllegalStateException naming the type and the module to add when no factory serves it
     */
    public static StateBackendFactory factory(StateBackendType type) {
        StateBackendFactory factory = FACTORIES.get(type);
        if (factory == null) {
            String name = type.spellings().get(0);
            throw new IllegalStateException("no state backend '" + name + "' on the class path (state.backend.type: "
                    + name + "); add the module that provides it, such as snapsim-" + name);
        }
        return factory;
    }

    /** The local folders of {@code jobId} of every backend that keeps files on local disk, in type order. */
    public static List<Path> localStateRoots(String jobId) {
        List<Path> roots = new ArrayList<>();
        for (StateBackendFactory factory : FACTORIES.values()) {
            factory.localStateRoot(jobId).ifPresent(roots::add);
        }
        return roots;
    }

    private static Map<StateBackendType, StateBackendFactory> load() {
        Map<StateBackendType, StateBackendFactory> found = new EnumMap<>(StateBackendType.class);
        for (StateBackendFactory factory : ServiceLoader.load(StateBackendFactory.class,
                StateBackendFactory.class.getClassLoader())) {
            StateBackendFactory other = found.putIfAbsent(factory.type(), factory);
            if (other != null && other.getClass() != factory.getClass()) {
                throw new IllegalStateException("two state backend factories for " + factory.type() + ": "
                        + other.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
