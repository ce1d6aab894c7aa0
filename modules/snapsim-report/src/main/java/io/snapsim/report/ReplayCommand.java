package io.snapsim.report;

import io.snapsim.core.config.StateOptions;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunInputs;
import io.snapsim.core.verdict.PlannedFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line that replays a run, drawn from its {@code run.json}: the simulation file, the
 * seed, the parallelism, the {@code -D} options given on the command line, the snapshot it resumed
 * ({@code -s}, {@code -n}) and, when its faults were drawn at random, the plan the run folder keeps
 * ({@code --faults-from}). It starts with the launcher's name as the command line prints it
 * ({@code scripts/snapsim}, or what the launcher that started the JVM calls itself). Stateless.
 */
final class ReplayCommand {
    /** The system property the launchers set to the name commands should start with. */
    static final String LAUNCHER_PROPERTY = "snapsim.launcher";
    static final String DEFAULT_LAUNCHER = "scripts/snapsim";

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");
    private static final String RESUME_ORIGIN = "run -s";
    private static final String NON_RESTORED_ORIGIN = "run --allowNonRestoredState";

    private ReplayCommand() {
    }

    /** The command, or empty when the run was not made from a simulation file (the Java API). */
    static Optional<String> of(RunInputs inputs, Path runDir) {
        return command(inputs, drawn(inputs.faults()) ? runDir.resolve(RunFolder.PLAN) : null);
    }

    /** The command that replays the run with the faults of {@code plan} instead of its own. */
    static Optional<String> ofShrunk(RunInputs inputs, Path plan) {
        return command(inputs, plan);
    }

    /** @param faultsFrom the plan file to inject instead of the simulation's faults, or null */
    private static Optional<String> command(RunInputs inputs, Path faultsFrom) {
        if (!inputs.file().endsWith(".yaml") && !inputs.file().endsWith(".yml")) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(List.of(launcher(), "run", inputs.file(), "--seed",
                String.valueOf(inputs.seed()), "-p", String.valueOf(inputs.parallelism())));
        if (faultsFrom != null) {
            words.addAll(List.of("--faults-from", faultsFrom.toString()));
        }
        inputs.commandLineOptions().forEach((key, value) -> words.addAll(List.of("-D", key + "=" + value)));
        inputs.configuration().forEach((key, setting) -> {
            if (RESUME_ORIGIN.equals(setting.origin()) && StateOptions.RECOVERY_PATH.allKeys().contains(key)) {
                words.addAll(List.of("-s", setting.value()));
            } else if (NON_RESTORED_ORIGIN.equals(setting.origin())) {
                words.add("-n");
            }
        });
        return Optional.of(String.join(" ", words.stream().map(ReplayCommand::quoted).toList()));
    }

    /** Whether some of the run's faults were drawn from its seed (then the replay injects its kept plan). */
    static boolean drawn(List<PlannedFault> faults) {
        return faults.stream().anyMatch(f -> "drawn-at-random".equals(f.optional()));
    }

    private static String launcher() {
        return System.getProperty(LAUNCHER_PROPERTY, DEFAULT_LAUNCHER);
    }

    private static String quoted(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
