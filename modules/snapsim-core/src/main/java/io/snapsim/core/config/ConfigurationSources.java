package io.snapsim.core.config;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.storage.StoragePaths;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The four places options come from, and the order in which they override each other, lowest
 * first: the global file ({@link GlobalConfiguration}), {@code -D key=value} on the command line,
 * the simulation file's {@code config:} block, and the job's code
 * ({@code env.getCheckpointConfig()...}). An option not set in any of them has its default.
 * Each layer keeps its own origins, so the {@link #effective()} configuration says for every value
 * where it came from.
 *
 * <p>Immutable apart from the layers themselves, which are {@link Configuration}s and therefore
 * mutable: build them, hand them over, and do not change them afterwards.
 *
 * @param global      the global configuration file's options (origin: the file's path)
 * @param commandLine the {@code -D} options (origin {@value #COMMAND_LINE_ORIGIN})
 * @param simulation  the simulation file's options (origin: the simulation file)
 * @param jobCode     the options the job's code set (origin {@value #JOB_CODE_ORIGIN})
 */
public record ConfigurationSources(
        Configuration global,
        Configuration commandLine,
        Configuration simulation,
        Configuration jobCode) {

    /** The origin of options given as {@code -D key=value}. */
    public static final String COMMAND_LINE_ORIGIN = "-D";
    /** The origin of options set by the job's code. */
    public static final String JOB_CODE_ORIGIN = "job code";

    /** Options whose values are directories or snapshot paths: plain paths or {@code file://} URIs. */
    private static final List<ConfigOption<String>> PATH_OPTIONS = List.of(
            CheckpointingOptions.DIR, CheckpointingOptions.SAVEPOINT_DIR, StateOptions.RECOVERY_PATH);

    public ConfigurationSources {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(jobCode, "jobCode");
    }

    /** No options anywhere: every option has its default. */
    public static ConfigurationSources none() {
        return new ConfigurationSources(new Configuration(), new Configuration(), new Configuration(), new Configuration());
    }

    /**
     * The {@code -D} options.
     *
     * @throws InvalidInputException naming {@code -D}, the key and the value for an empty or unknown
     *                               key or a bad value
     */
    public static Configuration commandLine(Map<String, String> dynamicProperties) {
        for (Map.Entry<String, String> property : dynamicProperties.entrySet()) {
            if (property.getKey().isBlank()) {
                throw new InvalidInputException(COMMAND_LINE_ORIGIN + " " + property.getKey() + "=" + property.getValue()
                        + ": expected key=value, the key is empty");
            }
        }
        return Configuration.fromMap(dynamicProperties, COMMAND_LINE_ORIGIN);
    }

    /**
     * The options a job's code set (a job graph's code settings).
     *
     * @throws InvalidInputException naming {@value #JOB_CODE_ORIGIN}, the key and the value
     */
    public static Configuration jobCode(Map<String, String> codeSettings) {
        return Configuration.fromMap(codeSettings, JOB_CODE_ORIGIN);
    }

    public ConfigurationSources withGlobal(Configuration layer) {
        return new ConfigurationSources(layer, commandLine, simulation, jobCode);
    }

    public ConfigurationSources withCommandLine(Configuration layer) {
        return new ConfigurationSources(global, layer, simulation, jobCode);
    }

    public ConfigurationSources withSimulation(Configuration layer) {
        return new ConfigurationSources(global, commandLine, layer, jobCode);
    }

    public ConfigurationSources withJobCode(Configuration layer) {
        return new ConfigurationSources(global, commandLine, simulation, layer);
    }

    /**
     * All layers merged by precedence: job code over the simulation file over {@code -D} over the
     * global file. An option set in a higher layer under any of its keys (main or deprecated)
     * replaces the lower layers' value under all of its keys. Path options are checked here, so
     * that {@code hdfs:///checkpoints} is refused naming the layer that wrote it rather than later
     * when the job starts.
     *
     * @return a new configuration; the layers are not changed
     * @throws InvalidInputException for a path option with an unsupported scheme or malformed URI
     */
    public Configuration effective() {
        Configuration merged = global.merge(commandLine).merge(simulation).merge(jobCode);
        checkStoragePaths(merged);
        return merged;
    }

    /**
     * Checks that every directory or snapshot path option set in {@code config} is a plain path or
     * a {@code file://} URI (snapsim stores snapshots on the local file system only). Does not
     * touch the file system.
     *
     * @throws InvalidInputException naming the option's origin, its key and value, and what is wrong
     */
    public static void checkStoragePaths(Configuration config) {
        for (ConfigOption<String> option : PATH_OPTIONS) {
            String key = config.effectiveKey(option).orElse(null);
            if (key == null) {
                continue;
            }
            Configuration.Setting setting = config.settings().get(key);
            // StoragePaths prefixes its messages with the label it is given; this label makes the
            // message read like every other bad-value message: "<origin>: key '<key>': bad value '<v>': <why>".
            String label = setting.origin() + ": key '" + key + "': bad value '" + setting.rawValue() + "'";
            StoragePaths.parseDirectory(label, setting.rawValue());
        }
    }
}
