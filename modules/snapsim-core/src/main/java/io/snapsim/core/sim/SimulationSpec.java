package io.snapsim.core.sim;

import io.snapsim.core.config.Configuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simulation file, parsed and checked: which job to run, how, which faults to inject and what
 * the outcome must be. Produced by {@link SimulationParser}; immutable (the configuration is copied
 * on the way in and on the way out).
 *
 * @param name        the simulation's name; the file name without extension unless given
 * @param description free text, empty unless given
 * @param file        the file it was read from, as given (used in messages)
 * @param job         a job name from the {@link JobCatalog}
 * @param parameters  the job's parameters as read from YAML (Integer, Long, Double, Boolean, String, List, Map),
 *                    copied deeply and unmodifiable
 * @param parallelism the job's parallelism, at least 1
 * @param seed        seed of every random choice in the run
 * @param execution   live or deterministic
 * @param sink        transactional or plain
 * @param expect      what the checker must find
 * @param config      the Flink options of the run, with their origins
 * @param faults      the faults to inject, in file order
 * @param lesson      the lesson's text ({@code lesson:}), or null for a simulation that is no lesson
 */
public record SimulationSpec(
        String name,
        String description,
        Path file,
        String job,
        Map<String, Object> parameters,
        int parallelism,
        long seed,
        ExecutionMode execution,
        SinkKind sink,
        Expectation expect,
        Configuration config,
        List<FaultSpec> faults,
        Lesson lesson) {

    public SimulationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(job, "job");
        parameters = immutableMap(parameters);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(expect, "expect");
        config = config.copy();
        faults = List.copyOf(faults);
    }

    /** A simulation that is no lesson. */
    public SimulationSpec(String name, String description, Path file, String job, Map<String, Object> parameters,
                          int parallelism, long seed, ExecutionMode execution, SinkKind sink, Expectation expect,
                          Configuration config, List<FaultSpec> faults) {
        this(name, description, file, job, parameters, parallelism, seed, execution, sink, expect, config, faults, null);
    }

    /** This simulation with another seed (as {@code --seed} gives it). */
    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(name, description, file, job, parameters, parallelism, newSeed, execution, sink,
                expect, config, faults, lesson);
    }

    /** This simulation with another fault plan, e.g. one drawn from the seed or a shrunk one. */
    public SimulationSpec withFaults(List<FaultSpec> newFaults) {
        return new SimulationSpec(name, description, file, job, parameters, parallelism, seed, execution, sink,
                expect, config, newFaults, lesson);
    }

    /** This simulation at another parallelism (as {@code -p} gives it). */
    public SimulationSpec withParallelism(int newParallelism) {
        return new SimulationSpec(name, description, file, job, parameters, newParallelism, seed, execution, sink,
                expect, config, faults, lesson);
    }

    /** This simulation in another execution mode ({@code snapsim step} runs a live one deterministically). */
    public SimulationSpec withExecution(ExecutionMode newExecution) {
        return new SimulationSpec(name, description, file, job, parameters, parallelism, seed, newExecution, sink,
                expect, config, faults, lesson);
    }

    private static Map<String, Object> immutableMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), immutable(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** YAML parameter values may nest lists and mappings; copy them all the way down. */
    private static Object immutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return immutableMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(immutable(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A copy of the run's configuration; changing it does not change this spec. */
    @Override
    public Configuration config() {
        return config.copy();
    }
}
