package io.snapsim.core.api.state;

/** Describes a {@link MapState}. */
public record MapStateDescriptor<K, V>(String name, Class<K> keyType, Class<V> valueType) implements StateDescriptor {
    public MapStateDescriptor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state name must not be blank");
        }
    }
}
