package io.snapsim.core.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.Durations;
import io.snapsim.core.config.PipelineOptions;
import io.snapsim.core.config.Spelling;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    private static final List<String> CRASH_KEYS = List.of("operator", "subtask", "at-record", "at-checkpoint");
    private static final List<String> CRASH_AT_KEYS = List.of("operator", "subtask", "at-checkpoint", "phase", "at-time");
    private static final List<String> CRASH_OPERATOR_KEYS = List.of("operator", "at-record", "at-checkpoint", "at-time");
    private static final List<String> CRASH_TASK_MANAGER_KEYS = List.of("task-manager", "task-managers", "at-time",
            "at-checkpoint");
    private static final List<String> CRASH_COORDINATOR_KEYS = List.of("at-checkpoint", "phase");
    private static final List<String> STORAGE_KEYS = List.of("kind", "at-checkpoint", "operator", "subtask", "delay");
    /** The key every fault item may carry: the run may pass without the fault firing. */
    private static final String OPTIONAL_KEY = "optional";
    private static final List<String> NETWORK_KEYS = List.of("kind", "from", "to", "at-time", "delay");
    private static final List<String> SINK_COMMIT_FAILS_KEYS = List.of("operator", "subtask", "at-checkpoint");
    private static final List<String> RANDOM_KEYS = List.of("count", "kinds");

    private static final long DEFAULT_SEED = 1L;

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    /** What fault readers may check a fault against. */
    private record RunShape(int parallelism, boolean checkpointing) {}

    /** Reads the body of one fault kind; the body node's path is {@code faults[i].kind}. */
    @FunctionalInterface
    private interface FaultReader {
        FaultSpec read(SpecNode body, RunShape shape);
    }

    private final JobCatalog catalog;
    private final YAMLMapper mapper;
    private final Map<String, FaultReader> faultReaders;

    public SimulationParser(JobCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        Map<String, FaultReader> readers = new LinkedHashMap<>();
        readers.put(CrashFault.TYPE, SimulationParser::readCrash);
        readers.put(Faults.CrashAt.TYPE, SimulationParser::readCrashAt);
        readers.put(Faults.CrashOperator.TYPE, SimulationParser::readCrashOperator);
        readers.put(Faults.CrashTaskManager.TYPE, SimulationParser::readCrashTaskManager);
        readers.put(Faults.CrashCoordinator.TYPE, SimulationParser::readCrashCoordinator);
        readers.put(Faults.StorageFault.TYPE, SimulationParser::readStorage);
        readers.put(Faults.NetworkFault.TYPE, SimulationParser::readNetwork);
        readers.put(Faults.SinkCommitFails.TYPE, SimulationParser::readSinkCommitFails);
        readers.put(RandomFaults.TYPE, SimulationParser::readRandom);
        readers.put(Faults.Cancel.TYPE, SimulationParser::readCancel);
        readers.put(Faults.Savepoint.TYPE, SimulationParser::readSavepoint);
        this.faultReaders = Map.copyOf(readers);
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
        String kinds = String.join(", ", faultReaders.keySet().stream().sorted().toList());
        if (item.isAbsent() || !item.json().isObject() || item.json().size() != 1) {
            String got = item.json() != null && item.json().isObject()
                    ? (item.json().isEmpty() ? "an empty mapping" : "several keys: "
                            + String.join(", ", item.json().properties().stream().map(Map.Entry::getKey).toList()))
                    : item.describe();
            throw item.error("expected exactly one fault kind (" + kinds + ") as the single key, got " + got);
        }
        Map.Entry<String, JsonNode> only = item.json().properties().iterator().next();
        FaultReader reader = faultReaders.get(only.getKey());
        SpecNode body = item.child(only.getKey(), only.getValue());
        if (reader == null) {
            throw body.error("unknown fault kind '" + only.getKey() + "'"
                    + Spelling.didYouMean(only.getKey(), faultReaders.keySet()) + " (known kinds: " + kinds + ")");
        }
        SpecNode optional = body.child(OPTIONAL_KEY, body.json() != null && body.json().isObject()
                ? body.json().get(OPTIONAL_KEY) : null);
        FaultSpec fault = reader.read(body.without(OPTIONAL_KEY), shape);
        if (optional.isAbsent() || !optional.booleanValue()) {
            return fault;
        }
        if (fault instanceof RandomFaults) {
            throw optional.error("does not apply to 'random': faults drawn from the seed are optional already");
        }
        return OptionalFault.marked(fault);
    }

    private static CrashFault readCrash(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(CRASH_KEYS,
                "a mapping such as {operator: counter, subtask: 0, at-record: 100}");
        String operator = requiredField(fields, body, "operator").nonBlankText();
        int subtask = readSubtask(requiredField(fields, body, "subtask"), shape);
        SpecNode recordNode = field(fields, body, "at-record");
        SpecNode checkpointNode = field(fields, body, "at-checkpoint");
        requireExactlyOne(body, recordNode, checkpointNode);
        return recordNode.isAbsent()
                ? CrashFault.atCheckpoint(operator, subtask, readCheckpointId(checkpointNode, shape))
                : CrashFault.atRecord(operator, subtask, readRecordNumber(recordNode));
    }

    private static Faults.CrashAt readCrashAt(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(CRASH_AT_KEYS,
                "a mapping such as {operator: counter, subtask: 0, at-checkpoint: 3, phase: after-snapshot}");
        String operator = requiredField(fields, body, "operator").nonBlankText();
        int subtask = readSubtask(requiredField(fields, body, "subtask"), shape);
        SpecNode checkpointNode = field(fields, body, "at-checkpoint");
        SpecNode timeNode = field(fields, body, "at-time");
        requireExactlyOne(body, checkpointNode, timeNode);
        SpecNode phaseNode = field(fields, body, "phase");
        if (timeNode.isAbsent()) {
            long checkpoint = readCheckpointId(checkpointNode, shape);
            if (phaseNode.isAbsent()) {
                throw phaseNode.error("missing (required with 'at-checkpoint'; one of "
                        + choices(Faults.CheckpointPhase.class) + ")");
            }
            return new Faults.CrashAt(operator, subtask, checkpoint, phaseNode.choice(Faults.CheckpointPhase.class), null);
        }
        if (!phaseNode.isAbsent()) {
            throw phaseNode.error("applies only with 'at-checkpoint'; a crash 'at-time' has no checkpoint phase");
        }
        return new Faults.CrashAt(operator, subtask, null, null, readMillis(timeNode));
    }

    private static Faults.CrashOperator readCrashOperator(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(CRASH_OPERATOR_KEYS,
                "a mapping such as {operator: counter, at-record: 2000}");
        String operator = requiredField(fields, body, "operator").nonBlankText();
        SpecNode recordNode = field(fields, body, "at-record");
        SpecNode checkpointNode = field(fields, body, "at-checkpoint");
        SpecNode timeNode = field(fields, body, "at-time");
        requireExactlyOne(body, recordNode, checkpointNode, timeNode);
        return new Faults.CrashOperator(operator,
                recordNode.isAbsent() ? null : readRecordNumber(recordNode),
                checkpointNode.isAbsent() ? null : readCheckpointId(checkpointNode, shape),
                timeNode.isAbsent() ? null : readMillis(timeNode));
    }

    private static Faults.CrashTaskManager readCrashTaskManager(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(CRASH_TASK_MANAGER_KEYS,
                "a mapping such as {task-manager: 1, task-managers: 2, at-time: 100}");
        SpecNode countNode = requiredField(fields, body, "task-managers");
        int taskManagers = countNode.intValue();
        if (taskManagers < 1) {
            throw countNode.error("must be at least 1, got " + taskManagers);
        }
        SpecNode indexNode = requiredField(fields, body, "task-manager");
        int taskManager = indexNode.intValue();
        if (taskManager < 0) {
            throw indexNode.error("must not be negative, got " + taskManager);
        }
        if (taskManager >= taskManagers) {
            throw indexNode.error("task manager " + taskManager + " does not exist among " + taskManagers
                    + " (task managers are 0.." + (taskManagers - 1) + ")");
        }
        SpecNode timeNode = field(fields, body, "at-time");
        SpecNode checkpointNode = field(fields, body, "at-checkpoint");
        requireExactlyOne(body, timeNode, checkpointNode);
        return new Faults.CrashTaskManager(taskManager, taskManagers,
                timeNode.isAbsent() ? null : readMillis(timeNode),
                checkpointNode.isAbsent() ? null : readCheckpointId(checkpointNode, shape));
    }

    private static Faults.Cancel readCancel(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(List.of("after-checkpoints", "at-time"),
                "a mapping such as {after-checkpoints: 3} or {at-time: 200}");
        SpecNode after = field(fields, body, "after-checkpoints");
        SpecNode time = field(fields, body, "at-time");
        if (after.isAbsent() == time.isAbsent()) {
            throw body.error("needs exactly one of after-checkpoints and at-time");
        }
        if (!after.isAbsent()) {
            return new Faults.Cancel(readCheckpointId(after, shape), null);
        }
        return new Faults.Cancel(null, readMillis(time));
    }

    private static Faults.Savepoint readSavepoint(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(List.of("after-checkpoints", "at-time", "stop"),
                "a mapping such as {after-checkpoints: 3, stop: true}");
        SpecNode after = field(fields, body, "after-checkpoints");
        SpecNode time = field(fields, body, "at-time");
        SpecNode stop = field(fields, body, "stop");
        if (after.isAbsent() == time.isAbsent()) {
            throw body.error("needs exactly one of after-checkpoints and at-time");
        }
        boolean stopJob = !stop.isAbsent() && stop.booleanValue();
        if (!after.isAbsent()) {
            return new Faults.Savepoint(readCheckpointId(after, shape), null, stopJob);
        }
        return new Faults.Savepoint(null, readMillis(time), stopJob);
    }

    private static Faults.CrashCoordinator readCrashCoordinator(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(CRASH_COORDINATOR_KEYS,
                "a mapping such as {at-checkpoint: 2, phase: after-metadata}");
        long checkpoint = readCheckpointId(requiredField(fields, body, "at-checkpoint"), shape);
        SpecNode phaseNode = field(fields, body, "phase");
        if (phaseNode.isAbsent()) {
            throw phaseNode.error("missing (required; one of " + choices(Faults.CoordinatorPhase.class) + ")");
        }
        return new Faults.CrashCoordinator(checkpoint, phaseNode.choice(Faults.CoordinatorPhase.class));
    }

    private static Faults.StorageFault readStorage(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(STORAGE_KEYS,
                "a mapping such as {kind: fail-write, at-checkpoint: 2}");
        SpecNode kindNode = requiredField(fields, body, "kind");
        Faults.StorageKind kind = kindNode.choice(Faults.StorageKind.class);
        long checkpoint = readCheckpointId(requiredField(fields, body, "at-checkpoint"), shape);
        SpecNode operatorNode = field(fields, body, "operator");
        SpecNode subtaskNode = field(fields, body, "subtask");
        String operator = operatorNode.isAbsent() ? null : operatorNode.nonBlankText();
        if (!subtaskNode.isAbsent() && operator == null) {
            throw subtaskNode.error("needs an operator: name whose subtask's state is hit (operator: sum, subtask: 1)");
        }
        Integer subtask = subtaskNode.isAbsent() ? null : readSubtask(subtaskNode, shape);
        SpecNode delayNode = field(fields, body, "delay");
        Long delay = null;
        if (kind == Faults.StorageKind.SLOW_WRITE) {
            if (delayNode.isAbsent()) {
                throw delayNode.error("missing (required for slow-write: how much longer the write takes, e.g. '5 s')");
            }
            delay = readPositiveMillis(delayNode);
        } else if (!delayNode.isAbsent()) {
            throw delayNode.error("applies only to slow-write, not to " + RandomFaults.yamlName(kind));
        }
        return new Faults.StorageFault(kind, checkpoint, operator, subtask, delay);
    }

    private static Faults.NetworkFault readNetwork(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(NETWORK_KEYS,
                "a mapping such as {kind: delay, from: source, to: counter, at-time: 0, delay: 20}");
        SpecNode kindNode = requiredField(fields, body, "kind");
        Faults.NetworkKind kind = kindNode.choice(Faults.NetworkKind.class);
        String from = requiredField(fields, body, "from").nonBlankText();
        SpecNode toNode = requiredField(fields, body, "to");
        String to = toNode.nonBlankText();
        if (from.equals(to)) {
            throw toNode.error("'from' and 'to' are both '" + to + "'; a channel joins two different operators");
        }
        SpecNode timeNode = field(fields, body, "at-time");
        long atTime = timeNode.isAbsent() ? 0 : readMillis(timeNode);
        SpecNode delayNode = field(fields, body, "delay");
        Long delay = null;
        if (kind == Faults.NetworkKind.DELAY || kind == Faults.NetworkKind.STALL) {
            if (delayNode.isAbsent()) {
                throw delayNode.error("missing (required for " + RandomFaults.yamlName(kind) + ": "
                        + (kind == Faults.NetworkKind.DELAY ? "how late each batch arrives" : "how long nothing is delivered")
                        + ", e.g. '20 ms')");
            }
            delay = readPositiveMillis(delayNode);
        } else if (!delayNode.isAbsent()) {
            throw delayNode.error("applies only to delay and stall, not to " + RandomFaults.yamlName(kind));
        }
        return new Faults.NetworkFault(kind, from, to, atTime, delay);
    }

    private static Faults.SinkCommitFails readSinkCommitFails(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(SINK_COMMIT_FAILS_KEYS,
                "a mapping such as {operator: sink, subtask: 0, at-checkpoint: 2}");
        String operator = requiredField(fields, body, "operator").nonBlankText();
        int subtask = readSubtask(requiredField(fields, body, "subtask"), shape);
        long checkpoint = readCheckpointId(requiredField(fields, body, "at-checkpoint"), shape);
        return new Faults.SinkCommitFails(operator, subtask, checkpoint);
    }

    private static RandomFaults readRandom(SpecNode body, RunShape shape) {
        Map<String, SpecNode> fields = body.fields(RANDOM_KEYS, "a mapping such as {count: 3}");
        SpecNode countNode = requiredField(fields, body, "count");
        int count = countNode.intValue();
        if (count < 1 || count > RandomFaults.MAX_COUNT) {
            throw countNode.error("must be between 1 and " + RandomFaults.MAX_COUNT + ", got " + count);
        }
        SpecNode kindsNode = field(fields, body, "kinds");
        if (kindsNode.isAbsent()) {
            return new RandomFaults(count);
        }
        Set<String> kinds = new LinkedHashSet<>();
        List<SpecNode> names = kindsNode.elements("a list of fault kinds such as [crash, storage.fail-write]");
        if (names.isEmpty()) {
            throw kindsNode.error("must name at least one kind; leave 'kinds' out to draw from every safe kind");
        }
        for (SpecNode nameNode : names) {
            String name = nameNode.nonBlankText();
            Set<String> expanded = RandomFaults.expand(name);
            if (expanded.isEmpty()) {
                Set<String> accepted = RandomFaults.acceptedNames();
                throw nameNode.error("unknown fault kind '" + name + "'" + Spelling.didYouMean(name, accepted)
                        + " (known kinds: " + String.join(", ", accepted) + ")");
            }
            kinds.addAll(expanded);
        }
        if (!shape.checkpointing() && kinds.stream().allMatch(SimulationParser::needsCheckpoints)) {
            throw kindsNode.error("checkpointing is off, and every kind listed needs a checkpoint; set config '"
                    + CheckpointingOptions.INTERVAL.key() + "' or add a crash kind");
        }
        return new RandomFaults(count, kinds);
    }

    /** Kinds that can only be placed at a checkpoint, so that a run without checkpoints cannot have them. */
    private static boolean needsCheckpoints(String kind) {
        return kind.equals(Faults.CrashCoordinator.TYPE) || kind.equals(Faults.SinkCommitFails.TYPE)
                || kind.startsWith(Faults.StorageFault.TYPE + ".");
    }

    private static int readSubtask(SpecNode node, RunShape shape) {
        int subtask = node.intValue();
        if (subtask < 0) {
            throw node.error("must not be negative, got " + subtask);
        }
        if (subtask >= shape.parallelism()) {
            throw node.error("subtask " + subtask + " does not exist at parallelism " + shape.parallelism()
                    + " (subtasks are 0.." + (shape.parallelism() - 1) + ")");
        }
        return subtask;
    }

    private static long readRecordNumber(SpecNode node) {
        long record = node.longValue();
        if (record < 1) {
            throw node.error("must be at least 1 (records are counted from 1), got " + record);
        }
        return record;
    }

    private static long readCheckpointId(SpecNode node, RunShape shape) {
        long checkpoint = node.longValue();
        if (checkpoint < 1) {
            throw node.error("must be at least 1 (checkpoint ids start at 1), got " + checkpoint);
        }
        if (!shape.checkpointing()) {
            throw node.error("checkpointing is off, so checkpoint " + checkpoint
                    + " never happens; set config '" + CheckpointingOptions.INTERVAL.key() + "'");
        }
        return checkpoint;
    }

    /** Milliseconds: a whole number, or a duration such as {@code 150 ms} or {@code 5 s}. */
    private static long readMillis(SpecNode node) {
        if (node.isAbsent()) {
            throw node.error("missing value");
        }
        if (node.json().isIntegralNumber()) {
            long millis = node.longValue();
            if (millis < 0) {
                throw node.error("must not be negative, got " + millis);
            }
            return millis;
        }
        if (!node.json().isTextual()) {
            throw node.error("expected milliseconds or a duration such as '150 ms' or '5 s', got " + node.describe());
        }
        Duration duration;
        try {
            duration = Durations.parse(node.json().textValue());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage() + ", got " + node.describe());
        }
        if (duration.toNanosPart() % 1_000_000 != 0) {
            throw node.error("must be a whole number of milliseconds, got " + node.describe());
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw node.error("too large, got " + node.describe());
        }
    }

    private static long readPositiveMillis(SpecNode node) {
        long millis = readMillis(node);
        if (millis < 1) {
            throw node.error("must be at least 1 ms, got " + node.describe());
        }
        return millis;
    }

    /** Exactly one of the position keys is given; the message names them in the order passed. */
    private static void requireExactlyOne(SpecNode body, SpecNode... alternatives) {
        List<String> given = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SpecNode alternative : alternatives) {
            String name = alternative.path().substring(alternative.path().lastIndexOf('.') + 1);
            names.add("'" + name + "'");
            if (!alternative.isAbsent()) {
                given.add(name);
            }
        }
        if (given.size() == 1) {
            return;
        }
        String choices = names.size() == 2 ? names.get(0) + " or " + names.get(1)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        String got;
        if (given.isEmpty()) {
            got = names.size() == 2 ? "neither" : "none";
        } else if (given.size() == 2 && names.size() == 2) {
            got = "both";
        } else {
            got = String.join(" and ", given);
        }
        throw body.error("give exactly one of " + choices + ", got " + got);
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(RandomFaults.yamlName(constant));
        }
        return String.join(", ", names);
    }

    private static SpecNode field(Map<String, SpecNode> fields, SpecNode parent, String name) {
        return SpecNode.field(fields, parent, name);
    }

    private static SpecNode requiredField(Map<String, SpecNode> fields, SpecNode parent, String name) {
        SpecNode node = SpecNode.field(fields, parent, name);
        if (node.isAbsent()) {
            throw node.error("missing (required)");
        }
        return node;
    }
}
