package io.snapsim.core.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.PipelineOptions;
import io.snapsim.core.config.Spelling;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a simulation file (YAML) into a {@link SimulationSpec}, checking everything that can be
 * checked before the run: every key, type and value, the job and its parameters against the
 * {@link JobCatalog}, the Flink options, and the faults against the parallelism and whether there
 * are checkpoints. Every kind of the fault catalogue ({@link Faults}) has a reader; a
 * {@code random} item is read as a {@link RandomFaults} placeholder, which the runner expands with
 * {@link FaultPlans#expand}. Times and delays are milliseconds or durations ({@code 5 s}). Each
 * problem is one {@link InvalidInputException} naming the file, the key path and what is wrong.
 *
 * <p>Holds no state between calls; an instance may be shared between threads if its catalog may.
 */
public final class SimulationParser {

    /** The keys a simulation file may have at the top level, in documentation order. */
    public static final List<String> TOP_LEVEL_KEYS = List.of(
            "name", "description", "job", "parameters", "parallelism", "seed",
            "execution", "sink", "expect", "config", "faults");

    /** The key every fault item may carry: the run may pass without the fault firing. */
    private static final String OPTIONAL_KEY = "optional";

    private static final long DEFAULT_SEED = 1L;

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    private final JobCatalog catalog;
    private final YAMLMapper mapper;
    private final FaultTypes types;

    public SimulationParser(JobCatalog catalog) {
        this(catalog, FaultTypes.CATALOGUE);
    }

    /** A parser that knows the fault types of {@code types} (tests add types of their own). */
    SimulationParser(JobCatalog catalog, FaultTypes types) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.types = Objects.requireNonNull(types, "types");
        this.mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /**
     * Reads and checks a simulation file.
     *
     * @throws InvalidInputException if the file cannot be read or is not a valid simulation
     */
    public SimulationSpec parse(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e, e);
        }
        return parse(yaml, file);
    }

    /**
     * Checks a simulation given as text.
     *
     * @param fileForMessages the file the text stands for: named in messages, default of the name
     * @throws InvalidInputException if the text is not a valid simulation
     */
    public SimulationSpec parse(String yaml, Path fileForMessages) {
        Path file = Objects.requireNonNull(fileForMessages, "fileForMessages");
        SpecNode root = new SpecNode(file, "", readTree(yaml, file));
        if (root.isAbsent()) {
            throw new InvalidInputException(file + ": the file is empty; a simulation needs at least 'job'");
        }
        if (!root.json().isObject()) {
            throw new InvalidInputException(file + ": expected a mapping of keys such as 'job' and 'config', got "
                    + root.describe());
        }
        Map<String, SpecNode> fields = root.fields(TOP_LEVEL_KEYS, "a mapping");

        String name = readName(field(fields, root, "name"), file);
        SpecNode descriptionNode = field(fields, root, "description");
        String description = descriptionNode.isAbsent() ? "" : descriptionNode.text();
        String job = readJob(field(fields, root, "job"));
        Map<String, Object> parameters = readParameters(field(fields, root, "parameters"), job);
        Configuration config = readConfig(field(fields, root, "config"), file);
        int parallelism = readParallelism(field(fields, root, "parallelism"), config);
        SpecNode seedNode = field(fields, root, "seed");
        long seed = seedNode.isAbsent() ? DEFAULT_SEED : seedNode.longValue();
        ExecutionMode execution = choice(field(fields, root, "execution"), ExecutionMode.class, ExecutionMode.DETERMINISTIC);
        SinkKind sink = choice(field(fields, root, "sink"), SinkKind.class, SinkKind.TRANSACTIONAL);
        Expectation expect = choice(field(fields, root, "expect"), Expectation.class, Expectation.EQUIVALENT);
        RunShape shape = new RunShape(parallelism, config.contains(CheckpointingOptions.INTERVAL));
        List<FaultSpec> faults = readFaults(field(fields, root, "faults"), shape);

        return new SimulationSpec(name, description, file, job, parameters, parallelism, seed,
                execution, sink, expect, config, faults);
    }

    /**
     * Reads a fault plan file, as {@link FaultPlans#toYaml} writes it ({@code faults:} and its list,
     * or the bare list), checking it against the simulation it is for as if it stood in its file.
     *
     * @throws InvalidInputException if the file cannot be read or a fault is not valid for {@code spec}
     */
    public List<FaultSpec> parseFaults(Path file, SimulationSpec spec) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e, e);
        }
        SpecNode root = new SpecNode(file, "", readTree(yaml, file));
        SpecNode list = root;
        if (!root.isAbsent() && root.json().isObject()) {
            Map<String, SpecNode> fields = root.fields(List.of("faults"), "a mapping with the single key 'faults'");
            list = field(fields, root, "faults");
        } else if (root.isAbsent() || !root.json().isArray()) {
            throw new InvalidInputException(file + ": expected 'faults:' and a list of faults, got " + root.describe());
        }
        return readFaults(list, new RunShape(spec.parallelism(), spec.config().contains(CheckpointingOptions.INTERVAL)));
    }

    private JsonNode readTree(String yaml, Path file) {
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": " + describeSyntaxError(e), e);
        }
    }

    /** One line: where and what, without SnakeYAML's multi-line excerpt of the file. */
    private static String describeSyntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + (yaml.getContextMark() == null ? "" : " started at line " + (yaml.getContextMark().getLine() + 1)
                            + ", column " + (yaml.getContextMark().getColumn() + 1)) + ")";
            return "YAML syntax error at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": "
                    + SpecNode.firstLine(yaml.getProblem()).orElse("unreadable") + context;
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String problem = SpecNode.firstLine(e.getOriginalMessage()).orElse(e.getClass().getSimpleName());
        Matcher duplicate = DUPLICATE_KEY.matcher(problem);
        if (duplicate.matches()) {
            return "key '" + duplicate.group(1) + "' is given twice" + (where.isEmpty() ? "" : " (second time" + where + ")");
        }
        return "YAML syntax error" + where + ": " + problem;
    }

    private static String readName(SpecNode node, Path file) {
        if (!node.isAbsent()) {
            return node.nonBlankText();
        }
        Path fileName = file.getFileName();
        String base = fileName == null ? "simulation" : fileName.toString();
        return base.replaceFirst("\\.(yaml|yml)$", "");
    }

    private String readJob(SpecNode node) {
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

    private Map<String, Object> readParameters(SpecNode node, String job) {
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
            parameters.put(entry.getKey(), mapper.convertValue(entry.getValue(), Object.class));
        }
        return parameters;
    }

    private Configuration readConfig(SpecNode node, Path file) {
        if (node.isAbsent()) {
            return new Configuration();
        }
        if (!node.json().isObject()) {
            throw node.error("expected a mapping of Flink options such as 'execution.checkpointing.interval: 1 s', got "
                    + node.describe());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> flat = mapper.convertValue(node.json(), LinkedHashMap.class);
        return Configuration.fromMap(flat, file.toString());
    }

    private static int readParallelism(SpecNode node, Configuration config) {
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

    private static <E extends Enum<E>> E choice(SpecNode node, Class<E> type, E absent) {
        return node.isAbsent() ? absent : node.choice(type);
    }

    private List<FaultSpec> readFaults(SpecNode node, RunShape shape) {
        List<FaultSpec> faults = new ArrayList<>();
        if (node.isAbsent()) {
            return faults;
        }
        for (SpecNode item : node.elements("a list of faults such as '- crash: {...}'")) {
            faults.add(readFault(item, shape));
        }
        return faults;
    }

    private FaultSpec readFault(SpecNode item, RunShape shape) {
        String kinds = String.join(", ", types.names().stream().sorted().toList());
        if (item.isAbsent() || !item.json().isObject() || item.json().size() != 1) {
            String got = item.json() != null && item.json().isObject()
                    ? (item.json().isEmpty() ? "an empty mapping" : "several keys: "
                            + String.join(", ", item.json().properties().stream().map(Map.Entry::getKey).toList()))
                    : item.describe();
            throw item.error("expected exactly one fault kind (" + kinds + ") as the single key, got " + got);
        }
        Map.Entry<String, JsonNode> only = item.json().properties().iterator().next();
        FaultType<?> type = types.named(only.getKey());
        SpecNode body = item.child(only.getKey(), only.getValue());
        if (type == null) {
            throw body.error("unknown fault kind '" + only.getKey() + "'"
                    + Spelling.didYouMean(only.getKey(), types.names()) + " (known kinds: " + kinds + ")");
        }
        SpecNode optional = body.child(OPTIONAL_KEY, body.json() != null && body.json().isObject()
                ? body.json().get(OPTIONAL_KEY) : null);
        FaultSpec fault = type.read(new FaultReading(body.without(OPTIONAL_KEY), shape, types));
        if (optional.isAbsent() || !optional.booleanValue()) {
            return fault;
        }
        if (type.whyNeverOptional() != null) {
            throw optional.error("does not apply to '" + type.name() + "': " + type.whyNeverOptional());
        }
        return OptionalFault.marked(fault);
    }

    private static SpecNode field(Map<String, SpecNode> fields, SpecNode parent, String name) {
        return SpecNode.field(fields, parent, name);
    }

}
