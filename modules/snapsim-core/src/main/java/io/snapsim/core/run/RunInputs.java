package io.snapsim.core.run;

import io.snapsim.core.config.ConfigurationSources;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.sim.Lesson;
import io.snapsim.core.verdict.PlannedFault;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run was asked to do, as {@code run.json} records it when the run starts: everything its
 * verdict and summary need besides the histories and the outputs.
 *
 * @param simulation           the simulation's name (its folder under the reports)
 * @param file                 the simulation file, as given
 * @param description          what the simulation file says the simulation shows (empty when it says nothing;
 *                             null in a folder written before run.json recorded it)
 * @param job                  the job's name
 * @param parameters           the job's parameters
 * @param parallelism          the job's parallelism
 * @param seed                 the seed of the run
 * @param execution            {@code deterministic} or {@code live}
 * @param sink                 {@code plain}, {@code transactional} or {@code eager-commit}
 * @param expectation          {@code equivalent}, {@code duplicates-allowed} or {@code divergence}
 * @param configuration        each option the run set: its value and where the value came from
 * @param faults               the planned faults, random items already drawn
 * @param endsByPlan           whether the plan ends the job on purpose (a cancel, a stop-with-savepoint)
 * @param checkpointIntervalMillis the checkpoint interval, or null when the job does not checkpoint
 * @param jobId                the run's job id (its folder under the checkpoint directory)
 * @param checkpointsDirectory where the run's checkpoints go ({@code <dir>/<job id>/chk-N})
 * @param restoredFrom         the snapshot the run was submitted from ({@code run -s}), or null
 * @param earlierOutputs       the output folders of the earlier runs this run continues, oldest first
 * @param timeoutSeconds       how long the run could take before it was given up: wall-clock seconds in live
 *                             runs, seconds of virtual time in deterministic ones
 * @param lesson               the lesson's text when the simulation is a lesson ({@code lesson:}), else null
 */
public record RunInputs(String simulation, String file, String description, String job, Map<String, Object> parameters,
                        int parallelism, long seed, String execution, String sink, String expectation,
                        Map<String, ConfigValue> configuration, List<PlannedFault> faults, boolean endsByPlan,
                        Long checkpointIntervalMillis, String jobId, String checkpointsDirectory, RestoredSnapshot restoredFrom,
                        List<String> earlierOutputs, long timeoutSeconds, Lesson lesson) {

    /** One option's value, and what set it ({@code -D}, the simulation file, the job's code, ...). */
    public record ConfigValue(String value, String origin) {
    }

    public RunInputs {
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(expectation, "expectation");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        configuration = configuration == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        faults = faults == null ? List.of() : List.copyOf(faults);
        earlierOutputs = earlierOutputs == null ? List.of() : List.copyOf(earlierOutputs);
    }

    /** The inputs of a run whose simulation is no lesson. */
    public RunInputs(String simulation, String file, String description, String job, Map<String, Object> parameters,
                     int parallelism, long seed, String execution, String sink, String expectation,
                     Map<String, ConfigValue> configuration, List<PlannedFault> faults, boolean endsByPlan,
                     Long checkpointIntervalMillis, String jobId, String checkpointsDirectory,
                     RestoredSnapshot restoredFrom, List<String> earlierOutputs, long timeoutSeconds) {
        this(simulation, file, description, job, parameters, parallelism, seed, execution, sink, expectation, configuration, faults,
                endsByPlan, checkpointIntervalMillis, jobId, checkpointsDirectory, restoredFrom, earlierOutputs,
                timeoutSeconds, null);
    }

    /** Whether the job checkpoints. */
    public boolean checkpointing() {
        return checkpointIntervalMillis != null;
    }

    /** The options set on the command line ({@code -D key=value}), as a replay needs them again. */
    public Map<String, String> commandLineOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        configuration.forEach((key, setting) -> {
            if (ConfigurationSources.COMMAND_LINE_ORIGIN.equals(setting.origin())) {
                options.put(key, setting.value());
            }
        });
        return options;
    }
}
