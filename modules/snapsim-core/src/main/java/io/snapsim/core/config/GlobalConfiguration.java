package io.snapsim.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster-wide configuration file, Flink's {@code conf/config.yaml}: the lowest source of
 * options above the defaults (see {@link ConfigurationSources} for the whole order).
 *
 * <p>Where it is looked for: in {@code $SNAPSIM_CONF_DIR} when that variable is set (as Flink uses
 * {@code FLINK_CONF_DIR}), else in {@code conf/} under the working directory. In that directory
 * {@value #CONFIG_FILE_NAME} is read if it exists, else the legacy {@value #LEGACY_CONFIG_FILE_NAME}.
 * {@code config.yaml} is standard YAML, nested mappings included; {@code flink-conf.yaml} is read
 * the way Flink reads it, one flat {@code key: value} per line, so values such as
 * {@code a: b: c} that are not valid YAML still work there.
 *
 * <p>Every option read carries the file's path as its origin, and every problem (an unknown key,
 * a bad value, a malformed line) is an {@link InvalidInputException} naming the file, the key and
 * the value. A missing file in the default place is not an error (an empty configuration); a
 * directory named by {@code SNAPSIM_CONF_DIR} that holds neither file is, because the user asked
 * for it explicitly.
 *
 * <p>Stateless; the environment and working directory are parameters so that callers and tests
 * decide them. Callable from any thread.
 */
public final class GlobalConfiguration {

    /** The environment variable naming the configuration directory. */
    public static final String CONF_DIR_VARIABLE = "SNAPSIM_CONF_DIR";
    /** The configuration directory, relative to the working directory, when the variable is not set. */
    public static final String DEFAULT_CONF_DIR = "conf";
    /** The configuration file of Flink 1.19 and later: standard YAML. */
    public static final String CONFIG_FILE_NAME = "config.yaml";
    /** The configuration file of older Flink versions: flat {@code key: value} lines. */
    public static final String LEGACY_CONFIG_FILE_NAME = "flink-conf.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GlobalConfiguration() {}

    /**
     * Finds and reads the global configuration file.
     *
     * @param environment the process environment (only {@value #CONF_DIR_VARIABLE} is read)
     * @param workingDir  what a relative {@code conf/} or {@code SNAPSIM_CONF_DIR} is resolved against
     * @return the options of the file with the file's path as origin; empty when there is no file
     *     in the default place
     * @throws InvalidInputException when {@code SNAPSIM_CONF_DIR} names a directory without a
     *     configuration file, or the file is unreadable or holds a bad line, key or value
     */
    public static Configuration load(Map<String, String> environment, Path workingDir) {
        return locate(environment, workingDir).map(GlobalConfiguration::read).orElseGet(Configuration::new);
    }

    /**
     * The file {@link #load} reads, without reading it; empty when the default directory holds no
     * configuration file.
     *
     * @throws InvalidInputException when {@code SNAPSIM_CONF_DIR} is set and its directory holds
     *     neither {@value #CONFIG_FILE_NAME} nor {@value #LEGACY_CONFIG_FILE_NAME}
     */
    public static Optional<Path> locate(Map<String, String> environment, Path workingDir) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDir, "workingDir");
        String configured = environment.get(CONF_DIR_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return findIn(workingDir.resolve(DEFAULT_CONF_DIR));
        }
        Path dir;
        try {
            dir = workingDir.resolve(configured.strip());
        } catch (InvalidPathException e) {
            throw new InvalidInputException(CONF_DIR_VARIABLE + "=" + configured + ": not a valid path: " + e.getReason(), e);
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(CONF_DIR_VARIABLE + "=" + configured + ": directory " + dir
                    + " does not exist");
        }
        return Optional.of(findIn(dir).orElseThrow(() -> new InvalidInputException(CONF_DIR_VARIABLE + "="
                + configured + ": directory " + dir + " holds neither " + CONFIG_FILE_NAME + " nor "
                + LEGACY_CONFIG_FILE_NAME)));
    }

    /**
     * Reads one configuration file: as flat {@code key: value} lines when it is named
     * {@value #LEGACY_CONFIG_FILE_NAME}, else as YAML.
     *
     * @throws InvalidInputException naming the file for a missing or unreadable file, malformed
     *     content, an unknown key, a key given twice, or a bad value
     */
    public static Configuration read(Path file) {
        String text = readText(file);
        String origin = file.toString();
        Configuration config = LEGACY_CONFIG_FILE_NAME.equals(String.valueOf(file.getFileName()))
                ? parseFlat(text, origin)
                : parseYaml(text, origin);
        ConfigurationSources.checkStoragePaths(config);
        return config;
    }

    /**
     * Parses {@code config.yaml} content: a YAML mapping, nested mappings flattened with dots.
     *
     * @param origin the file, named in messages and recorded as every option's origin
     */
    public static Configuration parseYaml(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(origin + yamlLocation(e.getLocation()) + ": not valid YAML: "
                    + firstLine(e.getOriginalMessage()), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Configuration();
        }
        if (!root.isObject()) {
            throw new InvalidInputException(origin + ": expected a mapping of Flink options such as '"
                    + CheckpointingOptions.DIR.key() + ": file:///tmp/checkpoints', got " + describe(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = YAML.convertValue(root, LinkedHashMap.class);
        return Configuration.fromMap(map, origin);
    }

    /**
     * Parses {@code flink-conf.yaml} content as Flink's legacy reader does: per line, everything
     * from {@code #} on is a comment, blank lines are skipped, and the rest is split at the first
     * {@code ": "} into key and value. Unlike Flink, a line without {@code ": "} is an error rather
     * than a logged warning, because a silently ignored option is worse than a refused file.
     *
     * @param origin the file, named in messages and recorded as every option's origin
     */
    public static Configuration parseFlat(String text, String origin) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = origin + ":" + (i + 1);
            int colon = line.indexOf(": ");
            String key;
            String value;
            if (colon >= 0) {
                key = line.substring(0, colon).strip();
                value = line.substring(colon + 2).strip();
            } else if (line.endsWith(":")) {
                key = line.substring(0, line.length() - 1).strip();
                value = "";
            } else {
                throw new InvalidInputException(where + ": expected 'key: value', got '" + line + "'");
            }
            if (key.isEmpty()) {
                throw new InvalidInputException(where + ": missing key before ':' in '" + line + "'");
            }
            if (value.isEmpty()) {
                throw new InvalidInputException(where + ": key '" + key + "': missing value");
            }
            if (map.put(key, unquote(value)) != null) {
                throw new InvalidInputException(where + ": key '" + key + "': given twice");
            }
        }
        return Configuration.fromMap(map, origin);
    }

    private static Optional<Path> findIn(Path dir) {
        for (String name : List.of(CONFIG_FILE_NAME, LEGACY_CONFIG_FILE_NAME)) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e, e);
        }
    }

    /** Flink's legacy reader cuts a line at the first '#', quoted or not; so does this one. */
    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** A value wrapped in matching single or double quotes loses them, as YAML would read it. */
    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static String yamlLocation(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ":" + location.getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.isEmpty() ? "malformed" : line;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
