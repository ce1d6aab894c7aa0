package io.snapsim.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key: its name, the older names it is still read under, its default, how its
 * text is parsed and what it means. Declared once as a constant (see {@link ConfigOptions#all()});
 * immutable and shareable between threads.
 *
 * @param key          the current key, e.g. {@code execution.checkpointing.dir}
 * @param fallbackKeys older keys read when {@code key} is not set, in order, e.g. {@code state.checkpoints.dir}
 * @param defaultValue the value when no key is set; empty for options that are off unless set
 * @param parser       trimmed text to value; throws {@link IllegalArgumentException} with the reason
 * @param description  one sentence for help and documentation
 * @param <T>          the value type
 */
public record ConfigOption<T>(
        String key,
        List<String> fallbackKeys,
        Optional<T> defaultValue,
        Function<String, T> parser,
        String description) {

    public ConfigOption {
        Objects.requireNonNull(key, "key");
        fallbackKeys = List.copyOf(fallbackKeys);
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(description, "description");
    }

    /** An option without fallback keys, default or description; add them with the {@code with} methods. */
    public static <T> ConfigOption<T> of(String key, Function<String, T> parser) {
        return new ConfigOption<>(key, List.of(), Optional.empty(), parser, "");
    }

    public ConfigOption<T> withFallbackKeys(String... keys) {
        return new ConfigOption<>(key, List.of(keys), defaultValue, parser, description);
    }

    public ConfigOption<T> withDefault(T value) {
        return new ConfigOption<>(key, fallbackKeys, Optional.of(value), parser, description);
    }

    public ConfigOption<T> withDescription(String text) {
        return new ConfigOption<>(key, fallbackKeys, defaultValue, parser, text);
    }

    /** The main key followed by the fallback keys: the order in which they are looked up. */
    public List<String> allKeys() {
        List<String> keys = new ArrayList<>(1 + fallbackKeys.size());
        keys.add(key);
        keys.addAll(fallbackKeys);
        return List.copyOf(keys);
    }

    /**
     * Parses raw text into a value of this option.
     *
     * @throws IllegalArgumentException with the reason when the text is not a valid value
     */
    public T parse(String raw) {
        return parser.apply(raw.trim());
    }

    /** The default as it would be written in a configuration file, or empty. */
    public Optional<String> defaultAsText() {
        return defaultValue.map(ConfigValues::format);
    }

    @Override
    public String toString() {
        return key;
    }
}
