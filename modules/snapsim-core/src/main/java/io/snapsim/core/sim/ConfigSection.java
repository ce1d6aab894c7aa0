package io.snapsim.core.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.PipelineOptions;
import java.nio.file.Path;

/**
 * The {@code config} and {@code parallelism} keys of a simulation file: Flink options (checked by
 * {@link Configuration}), and a parallelism that the options' max parallelism allows. Stateless
 * apart from its YAML reader.
 */
final class ConfigSection {

    private final YamlTree yaml;

    ConfigSection(YamlTree yaml) {
        this.yaml = yaml;
    }

    /** The options under {@code config}, whose origin in messages is {@code file}; empty when absent. */
    Configuration config(SpecNode node, Path file) {
        if (node.isAbsent()) {
            return new Configuration();
        }
        if (!node.json().isObject()) {
            throw node.error("expected a mapping of Flink options such as 'execution.checkpointing.interval: 1 s', got "
                    + node.describe());
        }
        return Configuration.fromMap(yaml.plainMapping(node.json()), file.toString());
    }

    /** The job's parallelism: the key's, else the options' default parallelism. */
    static int parallelism(SpecNode node, Configuration config) {
        if (node.isAbsent()) {
            int parallelism = config.get(PipelineOptions.DEFAULT_PARALLELISM);
            String tooHigh = aboveMaxParallelism(parallelism, config);
            if (tooHigh != null) {
                throw new InvalidInputException(config.origin(PipelineOptions.DEFAULT_PARALLELISM) + ": key '"
                        + PipelineOptions.DEFAULT_PARALLELISM.key() + "': " + tooHigh);
            }
            return parallelism;
        }
        int parallelism = node.intValue();
        if (parallelism < 1) {
            throw node.error("must be at least 1, got " + parallelism);
        }
        String tooHigh = aboveMaxParallelism(parallelism, config);
        if (tooHigh != null) {
            throw node.error(tooHigh);
        }
        return parallelism;
    }

    /**
     * Why {@code parallelism} is too high for the file's {@code pipeline.max-parallelism} (or, unset, for
     * the largest max parallelism an operator can derive), or null when it is not.
     */
    private static String aboveMaxParallelism(int parallelism, Configuration config) {
        var configured = config.getOptional(PipelineOptions.MAX_PARALLELISM);
        if (configured.isPresent() && parallelism > configured.get()) {
            return parallelism + " exceeds pipeline.max-parallelism (" + configured.get() + ")";
        }
        if (parallelism > PipelineOptions.UPPER_BOUND_MAX_PARALLELISM) {
            return parallelism + " exceeds the largest max parallelism, " + PipelineOptions.UPPER_BOUND_MAX_PARALLELISM;
        }
        return null;
    }
}
