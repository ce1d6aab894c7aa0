package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.ConfigurationSources;
import io.snapsim.core.config.GlobalConfiguration;
import io.snapsim.core.sim.FaultPlans;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.RandomFaults;
import io.snapsim.core.sim.SimulationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code run} and {@code sweep} share in preparing a simulation, so that a sweep's seed and
 * its replay with {@code run --seed} get the same configuration and the same fault plan. Stateless.
 */
final class SimulationSetup {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private SimulationSetup() {
    }

    /** Where the global configuration file is, if there is one. */
    static Optional<Path> globalFile(SnapsimCommand parent) {
        return GlobalConfiguration.locate(parent.environment(), parent.workingDirectory());
    }

    /**
     * The run's configuration, merged as {@link ConfigurationSources} orders it: job code over the
     * simulation file over {@code -D} over the global file over the defaults.
     */
    static Configuration effectiveConfig(SimulationSpec spec, Optional<Path> globalFile, Map<String, String> dynamicProperties) {
        ConfigurationSources sources = new ConfigurationSources(
                globalFile.map(GlobalConfiguration::read).orElseGet(Configuration::new),
                ConfigurationSources.commandLine(dynamicProperties),
                spec.config(),
                ConfigurationSources.jobCode(jobCodeSettings(spec)));
        return sources.effective();
    }

    /**
     * The fault plan a run of {@code spec} injects: its faults with every {@code random} item
     * replaced by faults drawn from the spec's seed. {@code randomFaults}, when given, is the
     * number of faults each {@code random} item draws, and a simulation without faults gets one
     * such item; a simulation with a fixed fault list (no {@code random} item) is refused, since
     * nothing would be drawn. Drawn faults are {@link io.snapsim.core.sim.OptionalFault}s.
     */
    static List<FaultSpec> plan(SimulationSpec spec, Configuration config, Integer randomFaults) {
        List<FaultSpec> faults = spec.faults();
        if (randomFaults != null) {
            if (randomFaults < 1 || randomFaults > RandomFaults.MAX_COUNT) {
                throw new InvalidInputException("--faults: expected a number of faults between 1 and "
                        + RandomFaults.MAX_COUNT + ", got " + randomFaults);
            }
            if (!faults.isEmpty() && !FaultPlans.isRandom(faults)) {
                throw new InvalidInputException("--faults " + randomFaults + ": " + spec.file() + " plans "
                        + faults.size() + " fixed fault(s) and no 'random' item, so there is nothing to draw; --faults sets"
                        + " how many faults each 'random' item draws (add '- random: {count: " + randomFaults
                        + "}' under faults:, or leave out --faults)");
            }
            List<FaultSpec> counted = new ArrayList<>();
            for (FaultSpec fault : faults) {
                counted.add(fault instanceof RandomFaults r ? r.withCount(randomFaults) : fault);
            }
            if (counted.isEmpty()) {
                counted.add(new RandomFaults(randomFaults));
            }
            faults = counted;
        }
        if (!FaultPlans.isRandom(faults)) {
            return faults;
        }
        try {
            return FaultPlans.expand(faults, spec.seed(), PlanContexts.of(spec, config));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": key 'faults': cannot draw random faults: " + e.getMessage(), e);
        }
    }

    /** True when the plan {@link #plan} gives depends on the seed. */
    static boolean drawsFromSeed(SimulationSpec spec, Integer randomFaults) {
        return randomFaults != null || FaultPlans.isRandom(spec.faults());
    }

    /** The launcher the printed commands start with, unless the launcher that started the JVM names itself. */
    static final String DEFAULT_LAUNCHER = "scripts/snapsim";

    /**
     * The command that replays a run of {@code file}: {@code scripts/snapsim run FILE} (or
     * {@code bin/snapsim} when the distribution's launcher started the JVM: it sets the system
     * property {@code snapsim.launcher}) and the given options, each quoted for a POSIX shell where needed.
     */
    static String replayCommand(Path file, List<String> options) {
        StringBuilder command = new StringBuilder(System.getProperty("snapsim.launcher", DEFAULT_LAUNCHER))
                .append(" run ").append(shellQuoted(file.toString()));
        for (String option : options) {
            command.append(' ').append(shellQuoted(option));
        }
        return command.toString();
    }

    /** The {@code -D} options as they are given on a command line, for a replay command. */
    static List<String> dynamicPropertyOptions(Map<String, String> dynamicProperties) {
        List<String> options = new ArrayList<>();
        dynamicProperties.forEach((key, value) -> {
            options.add("-D");
            options.add(key + "=" + value);
        });
        return options;
    }

    /** A path as the user would type it: relative to the working directory when it lies under it. */
    static String display(SnapsimCommand parent, Path path) {
        Path base = parent.workingDirectory().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base) && !absolute.equals(base) ? base.relativize(absolute).toString() : path.toString();
    }

    private static String shellQuoted(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The options the job's code sets, read from its graph. Built on a fresh environment: the
     * parallelism the runner sets comes from the simulation file and is not job code.
     */
    private static Map<String, String> jobCodeSettings(SimulationSpec spec) {
        try {
            return io.snapsim.core.jobs.BuiltInJobs.build(spec.job(), spec.parameters(),
                    StreamExecutionEnvironment.getExecutionEnvironment(), spec.seed(), FileSinks.discarding()).codeSettings();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": " + e.getMessage(), e);
        }
    }
}
