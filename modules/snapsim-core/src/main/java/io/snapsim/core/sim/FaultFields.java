package io.snapsim.core.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the fields of one fault as a simulation file names them, in the order a
 * {@link FaultType} puts them, leaving absent values out. Confined to the describing thread.
 */
final class FaultFields {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A number, a name, a flag or a list of names; nothing if {@code value} is null. */
    FaultFields put(String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    /** A choice, spelled as in a simulation file ({@code after-snapshot}); nothing if null. */
    FaultFields choice(String key, Enum<?> value) {
        return put(key, value == null ? null : FaultType.yamlName(value));
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
