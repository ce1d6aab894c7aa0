package io.snapsim.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The layout of a run's folder, and its {@code run.json}:
 * <pre>
 *   run.json                  what the run was asked to do ({@link RunInputs}), written first
 *   history.jsonl             the run's history (docs/history.md)
 *   final-state.json          the run's final keyed state, when the job finished
 *   output/                   what the run's sinks committed
 *   checkpoints/, savepoints/ the run's snapshots (unless configured elsewhere)
 *   reference/                the failure-free reference run: its history.jsonl, final-state.json, output/
 *   plan.yaml                 the faults as injected, in the form --faults-from reads (written by snapsim run)
 *   summary.json              the verdict and the summary, drawn from all of the above
 *   index.html                the run report, drawn from the folder too (snapsim-report)
 *   shrunk-plan.yaml          the smallest plan that still fails, when run --shrink shrank this run's plan
 * </pre>
 * Stateless.
 */
public final class RunFolder {
    public static final String INPUTS = "run.json";
    public static final String HISTORY = "history.jsonl";
    public static final String FINAL_STATE = "final-state.json";
    public static final String OUTPUT = "output";
    public static final String REFERENCE = "reference";
    public static final String SUMMARY = "summary.json";
    public static final String PLAN = "plan.yaml";
    public static final String SHRUNK_PLAN = "shrunk-plan.yaml";
    /** What {@code run.json} says it is, and the version of its fields. */
    public static final String SCHEMA = "snapsim-run";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RunFolder() {
    }

    /** The folder of the failure-free reference run inside {@code runDir}. */
    public static Path reference(Path runDir) {
        return runDir.resolve(REFERENCE);
    }

    /** Writes {@code runDir/run.json}, atomically: a schema line, then the inputs' fields. */
    public static void writeInputs(Path runDir, RunInputs inputs) {
        ObjectNode root = MAPPER.createObjectNode().put("schema", SCHEMA).put("version", VERSION);
        root.setAll((ObjectNode) MAPPER.valueToTree(inputs));
        Path file = runDir.resolve(INPUTS);
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(root), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The inputs {@code runDir/run.json} records.
     *
     * @throws InvalidInputException when the folder is not a run folder, or its run.json is not one
     *                               this snapsim reads
     */
    public static RunInputs readInputs(Path runDir) {
        Path file = runDir.resolve(INPUTS);
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(runDir + ": not a snapsim run folder: it has no " + INPUTS
                    + ", which snapsim writes into every run folder as the run starts");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
            throw new InvalidInputException(file + ": not a snapsim run record (\"schema\" must be \"" + SCHEMA + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new InvalidInputException(file + ": run record version " + root.path("version")
                    + ", this snapsim reads version " + VERSION);
        }
        try {
            return MAPPER.treeToValue(root, RunInputs.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + (e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()));
        }
    }

    /** The mapper run folder files are written with: indented, fields in declaration order. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
