package io.snapsim.core.api.state;

/** Describes a {@link ListState}. */
public record ListStateDescriptor<T>(String name, Class<T> elementType) implements StateDescriptor {
    public ListStateDescriptor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state name must not be blank");
        }
    }
}
