package io.snapsim.core.jobs;

import java.util.Map;
import java.util.Set;

/** Typed access to a built-in job's parameters, with one clear error for a bad value. */
final class JobParameters {
    private final String job;
    private final Map<String, Object> values;

    JobParameters(String job, Map<String, Object> values, Set<String> known) {
        this.job = job;
        this.values = values;
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("parameters." + key + ": job '" + job
                        + "' has no parameter '" + key + "'; it has " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    long positiveLong(String key, long defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        long parsed;
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            parsed = n.longValue();
        } else {
            try {
                parsed = Long.parseLong(String.valueOf(v).trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameters." + key + ": expected an integer, got '" + v + "'");
            }
        }
        if (parsed < 1) {
            throw new IllegalArgumentException("parameters." + key + ": must be >= 1, was " + parsed);
        }
        return parsed;
    }

    int positiveInt(String key, int defaultValue) {
        long v = positiveLong(key, defaultValue);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameters." + key + ": too large: " + v);
        }
        return (int) v;
    }

    String string(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : String.valueOf(v);
    }

    String job() {
        return job;
    }
}
