package io.snapsim.core.config;

import java.util.List;

/**
 * An enum whose constants can be written in a configuration file. Each constant has one or more
 * spellings; the first is the one snapsim writes and lists in error messages. Matching is
 * case-insensitive and treats {@code _} and {@code -} alike (see {@link ConfigValues#enumeration}).
 */
public interface ConfigEnum {

    /** Every spelling accepted for this constant, the canonical one first. */
    List<String> spellings();

    /** The canonical spelling, as shown in tables and error messages. */
    default String configName() {
        return spellings().get(0);
    }
}
