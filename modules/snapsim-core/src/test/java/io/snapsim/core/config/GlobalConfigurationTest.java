package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.storage.StoragePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalConfigurationTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path workingDir;

    private Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path confFile(String name, String content) throws IOException {
        return write(workingDir.resolve("conf").resolve(name), content);
    }

    @Nested
    class Locating {

        @Test
        void readsConfigYamlUnderConfInTheWorkingDirectory() throws IOException {
            Path file = confFile("config.yaml", "execution.checkpointing.interval: 10 s\n");

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.origin(CheckpointingOptions.INTERVAL)).isEqualTo(file.toString());
            assertThat(GlobalConfiguration.locate(NO_ENV, workingDir)).contains(file);
        }

        @Test
        void readsTheDirectoryNamedBySnapsimConfDirInsteadOfConf() throws IOException {
            confFile("config.yaml", "execution.checkpointing.num-retained: 2\n");
            Path elsewhere = write(workingDir.resolve("etc/snapsim/config.yaml"), "execution.checkpointing.num-retained: 7\n");

            Configuration config = GlobalConfiguration.load(
                    Map.of("SNAPSIM_CONF_DIR", elsewhere.getParent().toString()), workingDir);

            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(7);
            assertThat(config.origin(CheckpointingOptions.NUM_RETAINED)).isEqualTo(elsewhere.toString());
        }

        @Test
        void resolvesARelativeSnapsimConfDirAgainstTheWorkingDirectory() throws IOException {
            Path file = write(workingDir.resolve("my-conf/config.yaml"), "execution.checkpointing.num-retained: 4\n");

            Configuration config = GlobalConfiguration.load(Map.of("SNAPSIM_CONF_DIR", "my-conf"), workingDir);

            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(4);
            assertThat(config.origin(CheckpointingOptions.NUM_RETAINED)).isEqualTo(file.toString());
        }

        @Test
        void ignoresABlankSnapsimConfDir() throws IOException {
            confFile("config.yaml", "execution.checkpointing.num-retained: 2\n");

            Configuration config = GlobalConfiguration.load(Map.of("SNAPSIM_CONF_DIR", "  "), workingDir);

            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(2);
        }

        @Test
        void readsTheLegacyFlinkConfYamlWhenThereIsNoConfigYaml() throws IOException {
            Path file = confFile("flink-conf.yaml", "state.checkpoints.num-retained: 3\n");

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(3);
            assertThat(config.origin(CheckpointingOptions.NUM_RETAINED)).isEqualTo(file.toString());
        }

        @Test
        void prefersConfigYamlOverTheLegacyFileWhenBothExist() throws IOException {
            Path current = confFile("config.yaml", "execution.checkpointing.num-retained: 5\n");
            confFile("flink-conf.yaml", "execution.checkpointing.num-retained: 9\n");

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(5);
            assertThat(config.origin(CheckpointingOptions.NUM_RETAINED)).isEqualTo(current.toString());
        }

        @Test
        void aMissingFileInTheDefaultPlaceIsAnEmptyConfiguration() {
            assertThat(GlobalConfiguration.locate(NO_ENV, workingDir)).isEmpty();
            assertThat(GlobalConfiguration.load(NO_ENV, workingDir).isEmpty()).isTrue();
        }

        @Test
        void aSnapsimConfDirThatDoesNotExistIsAnErrorNamingIt() {
            Path missing = workingDir.resolve("nowhere");

            assertThatThrownBy(() -> GlobalConfiguration.load(Map.of("SNAPSIM_CONF_DIR", missing.toString()), workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("SNAPSIM_CONF_DIR")
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        }

        @Test
        void aSnapsimConfDirWithoutAConfigurationFileIsAnErrorNamingIt() throws IOException {
            Path empty = Files.createDirectories(workingDir.resolve("empty-conf"));

            assertThatThrownBy(() -> GlobalConfiguration.load(Map.of("SNAPSIM_CONF_DIR", empty.toString()), workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(empty.toString())
                    .hasMessageContaining("config.yaml")
                    .hasMessageContaining("flink-conf.yaml");
        }
    }

    @Nested
    class ConfigYaml {

        @Test
        void acceptsFlatKeysCommentsAndBlankLines() throws IOException {
            confFile("config.yaml", """
                    # checkpointing for every job of this installation

                    execution.checkpointing.interval: 30 s   # every half minute
                    execution.checkpointing.mode: AT_LEAST_ONCE
                    execution.checkpointing.unaligned.enabled: false
                    """);

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.get(CheckpointingOptions.MODE)).isEqualTo(CheckpointingMode.AT_LEAST_ONCE);
            assertThat(config.get(CheckpointingOptions.UNALIGNED_ENABLED)).isFalse();
        }

        @Test
        void flattensNestedMappingsAsFlink119Does() throws IOException {
            confFile("config.yaml", """
                    execution:
                      checkpointing:
                        interval: 1 min
                        num-retained: 3
                    state:
                      backend:
                        type: hashmap
                    """);

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.get(CheckpointingOptions.NUM_RETAINED)).isEqualTo(3);
            assertThat(config.settings()).containsKeys("execution.checkpointing.interval", "state.backend.type");
        }

        @Test
        void readsTheSourceDocumentsFileUriForTheCheckpointDirectory() throws IOException {
            Path file = confFile("config.yaml", "state.checkpoints.dir: file:///tmp/checkpoints/\n");

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.DIR)).isEqualTo("file:///tmp/checkpoints/");
            assertThat(config.effectiveKey(CheckpointingOptions.DIR)).contains("state.checkpoints.dir");
            assertThat(config.origin(CheckpointingOptions.DIR)).isEqualTo(file.toString());
            assertThat(StoragePaths.parseDirectory("state.checkpoints.dir", config.get(CheckpointingOptions.DIR)))
                    .isEqualTo(Path.of("/tmp/checkpoints"));
        }

        @Test
        void anEmptyFileIsAnEmptyConfiguration() throws IOException {
            confFile("config.yaml", "# nothing configured yet\n");

            assertThat(GlobalConfiguration.load(NO_ENV, workingDir).isEmpty()).isTrue();
        }

        @Test
        void refusesAnUnknownKeyNamingTheFileAndTheKey() throws IOException {
            Path file = confFile("config.yaml", "execution.checkpointing.intervall: 10 s\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("'execution.checkpointing.intervall'")
                    .hasMessageContaining("unknown configuration key")
                    .hasMessageContaining("did you mean 'execution.checkpointing.interval'");
        }

        @Test
        void refusesABadValueNamingTheFileTheKeyAndTheValue() throws IOException {
            Path file = confFile("config.yaml", "execution.checkpointing:\n  timeout: ten minutes\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("'execution.checkpointing.timeout'")
                    .hasMessageContaining("'ten minutes'");
        }

        @Test
        void refusesACheckpointDirectoryOnAnotherFileSystemNamingTheFileKeyAndValue() throws IOException {
            Path file = confFile("config.yaml", "state.checkpoints.dir: hdfs:///checkpoints/\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file + ": key 'state.checkpoints.dir': bad value 'hdfs:///checkpoints/'")
                    .hasMessageContaining("unsupported file system scheme 'hdfs'");
        }

        @Test
        void refusesAKeyGivenTwice() throws IOException {
            Path file = confFile("config.yaml", """
                    execution.checkpointing.interval: 1 s
                    execution:
                      checkpointing:
                        interval: 2 s
                    """);

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("given twice");
        }

        @Test
        void reportsMalformedYamlAsOneLineWithTheLineNumber() throws IOException {
            Path file = confFile("config.yaml", "execution.checkpointing.interval: 1 s\n  bad: [unclosed\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file + ":")
                    .hasMessageContaining("not valid YAML")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void refusesAFileThatIsNotAMapping() throws IOException {
            Path file = confFile("config.yaml", "- execution.checkpointing.interval: 1 s\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("expected a mapping");
        }
    }

    @Nested
    class LegacyFlinkConfYaml {

        @Test
        void readsFlatLinesSplitAtTheFirstColonSpace() throws IOException {
            confFile("flink-conf.yaml", """
                    # legacy file, as in Flink before 1.19
                    state.checkpoints.dir: file:///tmp/checkpoints/
                    execution.checkpointing.interval: 5 s

                    execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION # keep them
                    """);

            Configuration config = GlobalConfiguration.load(NO_ENV, workingDir);

            assertThat(config.get(CheckpointingOptions.DIR)).isEqualTo("file:///tmp/checkpoints/");
            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                    .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }

        @Test
        void refusesALineWithoutKeyAndValueNamingTheFileAndLine() throws IOException {
            Path file = confFile("flink-conf.yaml", "execution.checkpointing.interval: 5 s\njust some words\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file + ":2:")
                    .hasMessageContaining("'just some words'");
        }

        @Test
        void refusesAnUnknownKeyAndABadValueLikeTheYamlFile() throws IOException {
            Path file = confFile("flink-conf.yaml", "execution.checkpointing.max-concurrent-checkpoints: zero\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("'execution.checkpointing.max-concurrent-checkpoints'")
                    .hasMessageContaining("'zero'");

            Files.writeString(file, "state.checkpoint.dir: /tmp/cp\n");
            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("'state.checkpoint.dir'")
                    .hasMessageContaining("unknown configuration key");
        }

        @Test
        void refusesAKeyGivenTwiceNamingTheSecondLine() throws IOException {
            Path file = confFile("flink-conf.yaml", "state.checkpoints.num-retained: 1\nstate.checkpoints.num-retained: 2\n");

            assertThatThrownBy(() -> GlobalConfiguration.load(NO_ENV, workingDir))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file + ":2:")
                    .hasMessageContaining("given twice");
        }
    }
}
