package io.snapsim.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapsim.core.config.Spelling;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code job} and {@code parameters} keys of a simulation file: a job of the {@link JobCatalog},
 * and only parameters that job takes. Stateless apart from its collaborators.
 */
final class JobSection {

    private final JobCatalog catalog;
    private final YamlTree yaml;

    JobSection(JobCatalog catalog, YamlTree yaml) {
        this.catalog = catalog;
        this.yaml = yaml;
    }

    /** The name of a built-in job. */
    String job(SpecNode node) {
        if (node.isAbsent()) {
            throw node.error("missing; name one of the built-in jobs: " + SpecNode.sortedList(catalog.jobNames()));
        }
        String job = node.nonBlankText();
        Set<String> known = catalog.jobNames();
        if (!known.contains(job)) {
            throw node.error("unknown job '" + job + "'" + Spelling.didYouMean(job, known)
                    + " (known jobs: " + SpecNode.sortedList(known) + ")");
        }
        return job;
    }

    /** The parameters of {@code job}, in the file's order, as plain values; empty when absent. */
    Map<String, Object> parameters(SpecNode node, String job) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (node.isAbsent()) {
            return parameters;
        }
        if (!node.json().isObject()) {
            throw node.error("expected a mapping of the job's parameters, got " + node.describe());
        }
        Set<String> known = catalog.parameterNames(job);
        for (Map.Entry<String, JsonNode> entry : node.json().properties()) {
            SpecNode value = node.child(entry.getKey(), entry.getValue());
            if (!known.contains(entry.getKey())) {
                throw value.error(known.isEmpty()
                        ? "job '" + job + "' takes no parameters"
                        : "unknown parameter of job '" + job + "'" + Spelling.didYouMean(entry.getKey(), known)
                                + " (known parameters: " + SpecNode.sortedList(known) + ")");
            }
            if (value.isAbsent()) {
                throw value.error("missing value");
            }
            parameters.put(entry.getKey(), yaml.plain(entry.getValue()));
        }
        return parameters;
    }
}
