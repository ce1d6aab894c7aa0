package io.snapsim.core.config;

import io.snapsim.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one run: for each key that was set, its raw text and where it came from (a file
 * such as {@code simulations/x.yaml}, {@code -D}, ...). Values are checked when set, so a bad value
 * is reported at the place that wrote it; typed values are read with {@link #get(ConfigOption)},
 * which looks at the main key first and then at the fallback keys.
 *
 * <p>Mutable and not thread-safe: build it on one thread, then hand out {@link #copy()}s or stop
 * changing it.
 */
public final class Configuration {

    /** The origin reported for an option that was not set. */
    public static final String DEFAULT_ORIGIN = "default";

    /**
     * One key as it was set.
     *
     * @param rawValue the trimmed text of the value
     * @param origin   where it was set, for messages and the display table
     */
    public record Setting(String rawValue, String origin) {
        public Setting {
            Objects.requireNonNull(rawValue, "rawValue");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private final Map<String, Setting> settings = new LinkedHashMap<>();

    /** An empty configuration: every option has its default. */
    public Configuration() {}

    /**
     * Reads options from a map such as the {@code config:} block of a YAML file. Values may be
     * text, numbers or booleans. Nested maps are flattened with dots, so {@code execution:
     * {checkpointing: {interval: 1 s}}} equals {@code execution.checkpointing.interval: 1 s}, as in
     * Flink's {@code config.yaml}.
     *
     * @throws InvalidInputException naming {@code origin} and the key, for an unknown key (with the
     *     closest known key), a key given twice, or a bad value
     */
    public static Configuration fromMap(Map<String, ?> map, String origin) {
        Configuration config = new Configuration();
        config.putAll("", map, origin, new HashSet<>());
        return config;
    }

    /**
     * Sets a key from text, a number or a boolean (also a {@code Duration}, {@link MemorySize} or
     * {@link ConfigEnum}, written back in configuration syntax), replacing what the key had.
     *
     * @throws InvalidInputException for an unknown key or a value the option does not accept
     */
    public Configuration set(String key, Object value, String origin) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        ConfigOption<?> option = ConfigOptions.forKey(key).orElseThrow(() -> unknownKey(key, origin));
        String raw = toRaw(key, value, origin);
        parse(option, key, new Setting(raw, origin));
        settings.put(key, new Setting(raw, origin));
        return this;
    }

    /** Sets an option's main key to a typed value. */
    public <T> Configuration set(ConfigOption<T> option, T value, String origin) {
        return set(option.key(), value, origin);
    }

    /**
     * The value of an option: from its main key if set, else from the first fallback key set,
     * else its default.
     *
     * @throws InvalidInputException if the value set does not parse (naming origin, key and reason)
     * @throws IllegalStateException if the option is not set and has no default; read such
     *     options with {@link #getOptional(ConfigOption)}
     */
    public <T> T get(ConfigOption<T> option) {
        return getOptional(option).or(option::defaultValue).orElseThrow(() -> new IllegalStateException(
                "option '" + option.key() + "' has no default; read it with getOptional"));
    }

    /** The value of an option if one of its keys is set; defaults are not considered. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        return effectiveKey(option).map(key -> parse(option, key, settings.get(key)));
    }

    /** Whether the option's main key or one of its fallback keys is set. */
    public boolean contains(ConfigOption<?> option) {
        return effectiveKey(option).isPresent();
    }

    /** Where the option's value comes from, or {@value #DEFAULT_ORIGIN} when it is not set. */
    public String origin(ConfigOption<?> option) {
        return effectiveKey(option).map(key -> settings.get(key).origin()).orElse(DEFAULT_ORIGIN);
    }

    /** The key that supplies the option's value: the main key if set, else the first fallback key set. */
    public Optional<String> effectiveKey(ConfigOption<?> option) {
        for (String key : option.allKeys()) {
            if (settings.containsKey(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Every key set, in the order it was first set. */
    public Map<String, Setting> settings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /**
     * A new configuration with these settings overridden by {@code higherPrecedence}. An option the
     * higher one sets under any of its keys replaces this one's value under all of its keys, so a
     * deprecated key on the command line beats the main key in a file.
     */
    public Configuration merge(Configuration higherPrecedence) {
        Configuration merged = copy();
        Set<ConfigOption<?>> overridden = new HashSet<>();
        for (String key : higherPrecedence.settings.keySet()) {
            ConfigOptions.forKey(key).ifPresent(overridden::add);
        }
        for (ConfigOption<?> option : overridden) {
            option.allKeys().forEach(merged.settings::remove);
        }
        merged.settings.putAll(higherPrecedence.settings);
        return merged;
    }

    /** An independent copy. */
    public Configuration copy() {
        Configuration copy = new Configuration();
        copy.settings.putAll(settings);
        return copy;
    }

    /**
     * One line per option that is set: the main key, the effective value (normalised, e.g.
     * {@code 50 ms}) and its origin, noting when it was set under a fallback key.
     */
    public String toDisplayTable() {
        List<String[]> rows = new ArrayList<>();
        for (ConfigOption<?> option : ConfigOptions.all()) {
            effectiveKey(option).ifPresent(key -> rows.add(row(option, key)));
        }
        if (rows.isEmpty()) {
            return "(no options set: every option has its default)\n";
        }
        return table(rows);
    }

    /** Like {@link #toDisplayTable()} but listing every known option, with defaults marked as such. */
    public String toFullDisplayTable() {
        List<String[]> rows = new ArrayList<>();
        for (ConfigOption<?> option : ConfigOptions.all()) {
            Optional<String> key = effectiveKey(option);
            rows.add(key.isPresent()
                    ? row(option, key.get())
                    : new String[] {option.key(), option.defaultAsText().orElse("(none)"), DEFAULT_ORIGIN});
        }
        return table(rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "Configuration" + settings;
    }

    private void putAll(String prefix, Map<?, ?> map, String origin, Set<String> seen) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                putAll(key + ".", nested, origin, seen);
                continue;
            }
            if (!seen.add(key)) {
                throw new InvalidInputException(origin + ": key '" + key + "': given twice");
            }
            set(key, entry.getValue(), origin);
        }
    }

    private String[] row(ConfigOption<?> option, String key) {
        Setting setting = settings.get(key);
        String value = ConfigValues.format(parse(option, key, setting));
        String origin = key.equals(option.key()) ? setting.origin() : setting.origin() + " (as " + key + ")";
        return new String[] {option.key(), value, origin};
    }

    private static String table(List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"key", "value", "origin"});
        all.addAll(rows);
        int keyWidth = 0;
        int valueWidth = 0;
        for (String[] row : all) {
            keyWidth = Math.max(keyWidth, row[0].length());
            valueWidth = Math.max(valueWidth, row[1].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : all) {
            out.append(String.format("%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n", row[0], row[1], row[2]));
        }
        return out.toString();
    }

    private static <T> T parse(ConfigOption<T> option, String key, Setting setting) {
        try {
            return option.parse(setting.rawValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(setting.origin() + ": key '" + key + "': bad value '"
                    + setting.rawValue() + "': " + e.getMessage(), e);
        }
    }

    private static String toRaw(String key, Object value, String origin) {
        if (value == null) {
            throw new InvalidInputException(origin + ": key '" + key + "': missing value");
        }
        if (value instanceof Collection<?>) {
            throw new InvalidInputException(origin + ": key '" + key + "': expected a single value, got a list");
        }
        if (value instanceof Map<?, ?>) {
            throw new InvalidInputException(origin + ": key '" + key + "': expected a single value, got a mapping");
        }
        return ConfigValues.format(value).trim();
    }

    private static InvalidInputException unknownKey(String key, String origin) {
        return new InvalidInputException(origin + ": key '" + key + "': unknown configuration key"
                + Spelling.didYouMean(key, ConfigOptions.knownKeys()));
    }
}
