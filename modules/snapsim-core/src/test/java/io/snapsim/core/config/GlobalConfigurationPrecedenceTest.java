package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job code over the simulation file over -D over the global file over the defaults, with origins. */
class GlobalConfigurationPrecedenceTest {

    private static final String SIMULATION = "simulations/x.yaml";

    @TempDir
    Path workingDir;

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void eachValueComesFromTheHighestSourceThatSetsItAndSaysSo() throws IOException {
        Path globalFile = workingDir.resolve("conf/config.yaml");
        Files.createDirectories(globalFile.getParent());
        Files.writeString(globalFile, """
                execution.checkpointing.interval: 10 s
                execution.checkpointing.timeout: 5 min
                execution.checkpointing.num-retained: 2
                execution.checkpointing.tolerable-failed-checkpoints: 1
                state.checkpoints.dir: file:///tmp/checkpoints/
                """);
        Configuration global = GlobalConfiguration.load(Map.of(), workingDir);
        Map<String, String> dashD = new LinkedHashMap<>();
        dashD.put("execution.checkpointing.timeout", "2 min");
        dashD.put("execution.checkpointing.num-retained", "3");
        dashD.put("execution.checkpointing.min-pause", "100 ms");
        Configuration simulation = Configuration.fromMap(map(
                "execution.checkpointing.num-retained", 4,
                "execution.checkpointing.mode", "AT_LEAST_ONCE",
                "execution.checkpointing.min-pause", "200 ms"), SIMULATION);
        Configuration jobCode = ConfigurationSources.jobCode(Map.of(
                "execution.checkpointing.mode", "EXACTLY_ONCE",
                "restart-strategy.type", "none"));

        Configuration effective = new ConfigurationSources(global, ConfigurationSources.commandLine(dashD),
                simulation, jobCode).effective();

        // only in the global file
        assertThat(effective.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(effective.origin(CheckpointingOptions.INTERVAL)).isEqualTo(globalFile.toString());
        assertThat(effective.get(CheckpointingOptions.TOLERABLE_FAILED_CHECKPOINTS)).isEqualTo(1);
        assertThat(effective.get(CheckpointingOptions.DIR)).isEqualTo("file:///tmp/checkpoints/");
        assertThat(effective.origin(CheckpointingOptions.DIR)).isEqualTo(globalFile.toString());
        // -D over the global file
        assertThat(effective.get(CheckpointingOptions.TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(effective.origin(CheckpointingOptions.TIMEOUT)).isEqualTo("-D");
        // the simulation file over -D and the global file
        assertThat(effective.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(4);
        assertThat(effective.origin(CheckpointingOptions.NUM_RETAINED)).isEqualTo(SIMULATION);
        assertThat(effective.get(CheckpointingOptions.MIN_PAUSE)).isEqualTo(Duration.ofMillis(200));
        assertThat(effective.origin(CheckpointingOptions.MIN_PAUSE)).isEqualTo(SIMULATION);
        // job code over everything
        assertThat(effective.get(CheckpointingOptions.MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(effective.origin(CheckpointingOptions.MODE)).isEqualTo("job code");
        assertThat(effective.get(RestartOptions.TYPE)).isEqualTo(RestartStrategyType.NONE);
        assertThat(effective.origin(RestartOptions.TYPE)).isEqualTo("job code");
        // nobody
        assertThat(effective.get(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS)).isEqualTo(1);
        assertThat(effective.origin(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS)).isEqualTo("default");
        // and the table shows the same
        assertThat(effective.toFullDisplayTable())
                .containsPattern("execution\\.checkpointing\\.interval\\s+10 s\\s+" + java.util.regex.Pattern.quote(globalFile.toString()))
                .containsPattern("execution\\.checkpointing\\.timeout\\s+2 min\\s+-D")
                .containsPattern("execution\\.checkpointing\\.num-retained\\s+4\\s+simulations/x\\.yaml")
                .containsPattern("execution\\.checkpointing\\.mode\\s+EXACTLY_ONCE\\s+job code")
                .containsPattern("execution\\.checkpointing\\.max-concurrent-checkpoints\\s+1\\s+default");
    }

    @Test
    void aDeprecatedKeyInAHigherSourceBeatsTheMainKeyInALowerOne() {
        Configuration global = Configuration.fromMap(map("execution.checkpointing.dir", "/global"), "conf/config.yaml");
        Configuration dashD = ConfigurationSources.commandLine(Map.of("state.checkpoints.dir", "/from-command-line"));

        Configuration effective = ConfigurationSources.none().withGlobal(global).withCommandLine(dashD).effective();

        assertThat(effective.get(CheckpointingOptions.DIR)).isEqualTo("/from-command-line");
        assertThat(effective.origin(CheckpointingOptions.DIR)).isEqualTo("-D");
        assertThat(effective.effectiveKey(CheckpointingOptions.DIR)).contains("state.checkpoints.dir");
    }

    @Test
    void mergingLeavesTheSourcesUnchanged() {
        Configuration global = Configuration.fromMap(map("execution.checkpointing.num-retained", 2), "conf/config.yaml");
        Configuration simulation = Configuration.fromMap(map("execution.checkpointing.num-retained", 5), SIMULATION);
        Configuration globalBefore = global.copy();

        ConfigurationSources.none().withGlobal(global).withSimulation(simulation).effective();

        assertThat(global).isEqualTo(globalBefore);
    }

    @Test
    void noSourcesMeansEveryOptionHasItsDefault() {
        Configuration effective = ConfigurationSources.none().effective();

        assertThat(effective.isEmpty()).isTrue();
        assertThat(effective.origin(CheckpointingOptions.TIMEOUT)).isEqualTo("default");
    }

    @Test
    void aPathOptionOnAnotherFileSystemIsRefusedNamingTheSourceThatSetIt() {
        Configuration dashD = ConfigurationSources.commandLine(Map.of("state.savepoints.dir", "s3://bucket/savepoints"));

        assertThatThrownBy(() -> ConfigurationSources.none().withCommandLine(dashD).effective())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("-D: key 'state.savepoints.dir': bad value 's3://bucket/savepoints'")
                .hasMessageContaining("unsupported file system scheme 's3'");
    }

    @Test
    void jobCodeKeysAreCheckedLikeEveryOtherSource() {
        assertThatThrownBy(() -> ConfigurationSources.jobCode(Map.of("execution.checkpointing.timeout", "-1 s")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("job code: key 'execution.checkpointing.timeout'");
    }
}
