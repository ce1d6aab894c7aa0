package io.snapsim.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration keys a job's code set, in the order it set them. They take precedence over
 * every other source of configuration. Confined to the thread that builds the job.
 */
public final class JobSettingsBuilder {
    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, String value) {
        values.put(key, value);
    }

    /** The keys set by code, unmodifiable. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
