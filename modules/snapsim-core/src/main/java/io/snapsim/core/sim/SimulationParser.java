package io.snapsim.core.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a simulation file (YAML) into a {@link SimulationSpec}, checking everything that can be
 * checked before the run: every key, type and value, the job and its parameters against the
 * {@link JobCatalog} ({@link JobSection}), the Flink options and the parallelism
 * ({@link ConfigSection}), and the faults against the parallelism and whether there are
 * checkpoints ({@link FaultSection}, each item read by its {@link FaultType}). A {@code random}
 * item is read as a {@link RandomFaults} placeholder, which the runner expands with
 * {@link FaultPlans#expand}. Times and delays are milliseconds or durations ({@code 5 s}). Each
 * problem is one {@link InvalidInputException} naming the file, the key path and what is wrong.
 *
 * <p>Holds no state between calls; an instance may be shared between threads if its catalog may.
 */
public final class SimulationParser {

    /** The keys a simulation file may have at the top level, in documentation order. */
    public static final List<String> TOP_LEVEL_KEYS = List.of(
            "name", "description", "job", "parameters", "parallelism", "seed",
            "execution", "sink", "expect", "config", "faults", "lesson");

    private static final long DEFAULT_SEED = 1L;

    private final YamlTree yaml = new YamlTree();
    private final JobSection jobSection;
    private final ConfigSection configSection;
    private final FaultSection faultSection;

    public SimulationParser(JobCatalog catalog) {
        this(catalog, FaultTypes.CATALOGUE);
    }

    /** A parser that knows the fault types of {@code types} (tests add types of their own). */
    SimulationParser(JobCatalog catalog, FaultTypes types) {
        this.jobSection = new JobSection(Objects.requireNonNull(catalog, "catalog"), yaml);
        this.configSection = new ConfigSection(yaml);
        this.faultSection = new FaultSection(Objects.requireNonNull(types, "types"));
    }

    /**
     * Reads and checks a simulation file.
     *
     * @throws InvalidInputException if the file cannot be read or is not a valid simulation
     */
    public SimulationSpec parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e, e);
        }
        return parse(text, file);
    }

    /**
     * Checks a simulation given as text.
     *
     * @param fileForMessages the file the text stands for: named in messages, default of the name
     * @throws InvalidInputException if the text is not a valid simulation
     */
    public SimulationSpec parse(String text, Path fileForMessages) {
        Path file = Objects.requireNonNull(fileForMessages, "fileForMessages");
        SpecNode root = yaml.read(text, file);
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
        String job = jobSection.job(field(fields, root, "job"));
        Map<String, Object> parameters = jobSection.parameters(field(fields, root, "parameters"), job);
        Configuration config = configSection.config(field(fields, root, "config"), file);
        int parallelism = ConfigSection.parallelism(field(fields, root, "parallelism"), config);
        SpecNode seedNode = field(fields, root, "seed");
        long seed = seedNode.isAbsent() ? DEFAULT_SEED : seedNode.longValue();
        ExecutionMode execution = choice(field(fields, root, "execution"), ExecutionMode.class, ExecutionMode.DETERMINISTIC);
        SinkKind sink = choice(field(fields, root, "sink"), SinkKind.class, SinkKind.TRANSACTIONAL);
        Expectation expect = choice(field(fields, root, "expect"), Expectation.class, Expectation.EQUIVALENT);
        RunShape shape = new RunShape(parallelism, config.contains(CheckpointingOptions.INTERVAL));
        List<FaultSpec> faults = faultSection.faults(field(fields, root, "faults"), shape);
        Lesson lesson = LessonSection.lesson(field(fields, root, "lesson"));

        return new SimulationSpec(name, description, file, job, parameters, parallelism, seed,
                execution, sink, expect, config, faults, lesson);
    }

    /**
     * Reads a fault plan file, as {@link FaultPlans#toYaml} writes it ({@code faults:} and its list,
     * or the bare list), checking it against the simulation it is for as if it stood in its file.
     *
     * @throws InvalidInputException if the file cannot be read or a fault is not valid for {@code spec}
     */
    public List<FaultSpec> parseFaults(Path file, SimulationSpec spec) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e, e);
        }
        SpecNode root = yaml.read(text, file);
        SpecNode list = root;
        if (!root.isAbsent() && root.json().isObject()) {
            Map<String, SpecNode> fields = root.fields(List.of("faults"), "a mapping with the single key 'faults'");
            list = field(fields, root, "faults");
        } else if (root.isAbsent() || !root.json().isArray()) {
            throw new InvalidInputException(file + ": expected 'faults:' and a list of faults, got " + root.describe());
        }
        return faultSection.faults(list, new RunShape(spec.parallelism(), spec.config().contains(CheckpointingOptions.INTERVAL)));
    }

    private static String readName(SpecNode node, Path file) {
        if (!node.isAbsent()) {
            return node.nonBlankText();
        }
        Path fileName = file.getFileName();
        String base = fileName == null ? "simulation" : fileName.toString();
        return base.replaceFirst("\\.(yaml|yml)$", "");
    }

    private static <E extends Enum<E>> E choice(SpecNode node, Class<E> type, E absent) {
        return node.isAbsent() ? absent : node.choice(type);
    }

    private static SpecNode field(Map<String, SpecNode> fields, SpecNode parent, String name) {
        return SpecNode.field(fields, parent, name);
    }
}
