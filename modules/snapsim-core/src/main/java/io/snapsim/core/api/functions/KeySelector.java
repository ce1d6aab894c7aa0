package io.snapsim.core.api.functions;

import java.io.Serializable;

/**
 * Extracts the key of a record. Must be deterministic: the same record always gives an equal key
 * with a stable {@code hashCode()} (String, Long, Integer, records of those), because the key
 * decides the key group and so the subtask that owns the key's state.
 */
@FunctionalInterface
public interface KeySelector<T, K> extends Serializable {
    K getKey(T value) throws Exception;
}
