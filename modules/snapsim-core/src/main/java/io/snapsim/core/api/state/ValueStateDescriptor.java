package io.snapsim.core.api.state;

/** Describes a {@link ValueState}; {@code defaultValue} is returned when a key has no value. */
public record ValueStateDescriptor<T>(String name, Class<T> type, T defaultValue) implements StateDescriptor {
    public ValueStateDescriptor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state name must not be blank");
        }
    }

    public ValueStateDescriptor(String name, Class<T> type) {
        this(name, type, null);
    }
}
