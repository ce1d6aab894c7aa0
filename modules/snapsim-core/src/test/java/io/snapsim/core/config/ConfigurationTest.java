package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationTest {

    private static final String FILE = "simulations/x.yaml";

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Nested
    class DeprecatedKeys {

        @ParameterizedTest(name = "{0} is read for {1}")
        @CsvSource(delimiter = '|', value = {
                "state.checkpoints.dir              | execution.checkpointing.dir                   | file:///tmp/chk",
                "state.checkpoints.num-retained     | execution.checkpointing.num-retained          | 3",
                "state.savepoints.dir               | execution.checkpointing.savepoint-dir         | file:///tmp/sp",
                "state.backend.incremental          | execution.checkpointing.incremental           | true",
                "state.storage.fs.memory-threshold  | execution.checkpointing.data-inline-threshold | 4 kb",
        })
        void areReadWhenTheMainKeyIsNotSet(String deprecatedKey, String mainKey, String value) {
            ConfigOption<?> option = ConfigOptions.forKey(mainKey).orElseThrow();
            Configuration config = Configuration.fromMap(map(deprecatedKey, value), FILE);

            assertThat(config.contains(option)).isTrue();
            assertThat((Object) config.get(option)).isEqualTo(option.parse(value));
            assertThat(config.effectiveKey(option)).contains(deprecatedKey);
            assertThat(config.origin(option)).isEqualTo(FILE);
        }

        @ParameterizedTest(name = "{1} wins over {0}")
        @CsvSource(delimiter = '|', value = {
                "state.checkpoints.dir              | execution.checkpointing.dir                   | file:///old | file:///new",
                "state.checkpoints.num-retained     | execution.checkpointing.num-retained          | 2           | 5",
                "state.savepoints.dir               | execution.checkpointing.savepoint-dir         | /old        | /new",
                "state.backend.incremental          | execution.checkpointing.incremental           | false       | true",
                "state.storage.fs.memory-threshold  | execution.checkpointing.data-inline-threshold | 1 kb        | 8 kb",
        })
        void loseToTheMainKeyWhateverTheOrder(String deprecatedKey, String mainKey, String oldValue, String newValue) {
            ConfigOption<?> option = ConfigOptions.forKey(mainKey).orElseThrow();
            Configuration oldFirst = Configuration.fromMap(map(deprecatedKey, oldValue, mainKey, newValue), FILE);
            Configuration newFirst = Configuration.fromMap(map(mainKey, newValue, deprecatedKey, oldValue), FILE);

            assertThat((Object) oldFirst.get(option)).isEqualTo(option.parse(newValue));
            assertThat((Object) newFirst.get(option)).isEqualTo(option.parse(newValue));
            assertThat(oldFirst.effectiveKey(option)).contains(mainKey);
        }

        @Test
        void keepTheirNameInErrorMessages() {
            assertThatThrownBy(() -> Configuration.fromMap(map("state.checkpoints.num-retained", 0), FILE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("simulations/x.yaml: key 'state.checkpoints.num-retained': bad value '0': must be at least 1");
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void areRefusedWithTheClosestKnownKey() {
            assertThatThrownBy(() -> Configuration.fromMap(map("execution.checkpointing.intervall", "1 s"), FILE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.intervall': unknown configuration key;"
                            + " did you mean 'execution.checkpointing.interval'?");
        }

        @Test
        void suggestTheFullKeyWhenAPrefixIsMissing() {
            assertThatThrownBy(() -> Configuration.fromMap(map("checkpointing.timeout", "1 s"), FILE))
                    .hasMessageContaining("did you mean 'execution.checkpointing.timeout'?");
        }

        @Test
        void suggestADeprecatedKeyThatIsSpelledAlmostAlike() {
            assertThatThrownBy(() -> Configuration.fromMap(map("state.checkpoint.dir", "/x"), FILE))
                    .hasMessageContaining("key 'state.checkpoint.dir'")
                    .hasMessageContaining("did you mean 'state.checkpoints.dir'?");
        }

        @Test
        void suggestNothingWhenNoKeyIsClose() {
            assertThatThrownBy(() -> Configuration.fromMap(map("taskmanager.memory.process.size", "1 gb"), FILE))
                    .hasMessage("simulations/x.yaml: key 'taskmanager.memory.process.size': unknown configuration key");
        }

        @Test
        void areRefusedBySetToo() {
            assertThatThrownBy(() -> new Configuration().set("parallelism.defualt", "2", "-D"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("-D: key 'parallelism.defualt': unknown configuration key; did you mean 'parallelism.default'?");
        }
    }

    @Nested
    class BadValues {

        @Test
        void nameTheOriginTheKeyTheValueAndTheReason() {
            assertThatThrownBy(() -> Configuration.fromMap(map("execution.checkpointing.interval", "-5 s"), FILE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.interval': bad value '-5 s': must not be negative");
        }

        @Test
        void areReportedWhenSetNotLaterWhenRead() {
            Configuration config = new Configuration();
            assertThatThrownBy(() -> config.set("execution.checkpointing.mode", "ONCE_OR_TWICE", "-D"))
                    .hasMessage("-D: key 'execution.checkpointing.mode': bad value 'ONCE_OR_TWICE':"
                            + " expected one of EXACTLY_ONCE, AT_LEAST_ONCE");
            assertThat(config.contains(CheckpointingOptions.MODE)).isFalse();
        }

        @Test
        void includeAMissingValue() {
            assertThatThrownBy(() -> Configuration.fromMap(map("execution.checkpointing.timeout", null), FILE))
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.timeout': missing value");
        }

        @Test
        void includeAListWhereOneValueIsExpected() {
            assertThatThrownBy(() -> Configuration.fromMap(map("execution.checkpointing.timeout", List.of("1 s")), FILE))
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.timeout': expected a single value, got a list");
        }

        @Test
        void includeAnIntegerThatIsNotOne() {
            assertThatThrownBy(() -> Configuration.fromMap(map("restart-strategy.fixed-delay.attempts", "three"), FILE))
                    .hasMessage("simulations/x.yaml: key 'restart-strategy.fixed-delay.attempts': bad value 'three':"
                            + " expected an integer, got 'three'");
        }
    }

    @Nested
    class YamlScalars {

        @Test
        void acceptNumbersAndBooleansAsYamlGivesThem() {
            Configuration config = Configuration.fromMap(map(
                    "execution.checkpointing.interval", 500,
                    "execution.checkpointing.timeout", 60_000L,
                    "restart-strategy.fixed-delay.attempts", 3,
                    "execution.checkpointing.unaligned.enabled", true,
                    "restart-strategy.exponential-delay.backoff-multiplier", 1.5,
                    "execution.checkpointing.data-inline-threshold", 100), FILE);

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofMillis(500));
            assertThat(config.get(CheckpointingOptions.TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.get(RestartOptions.FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
            assertThat(config.get(CheckpointingOptions.UNALIGNED_ENABLED)).isTrue();
            assertThat(config.get(RestartOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER)).isEqualTo(1.5);
            assertThat(config.get(CheckpointingOptions.DATA_INLINE_THRESHOLD)).isEqualTo(MemorySize.ofBytes(100));
        }

        @Test
        void acceptTypedValuesSetFromCode() {
            Configuration config = new Configuration()
                    .set(CheckpointingOptions.INTERVAL, Duration.ofSeconds(5), "test")
                    .set(StateOptions.BACKEND_TYPE, StateBackendType.ROCKSDB, "test")
                    .set(CheckpointingOptions.DATA_INLINE_THRESHOLD, MemorySize.ofKibiBytes(4), "test");

            assertThat(config.settings().get("execution.checkpointing.interval").rawValue()).isEqualTo("5 s");
            assertThat(config.get(StateOptions.BACKEND_TYPE)).isEqualTo(StateBackendType.ROCKSDB);
            assertThat(config.get(CheckpointingOptions.DATA_INLINE_THRESHOLD)).isEqualTo(MemorySize.ofKibiBytes(4));
        }

        @Test
        void flattenNestedMappingsLikeFlinksConfigYaml() {
            Map<String, Object> nested = map("execution", map("checkpointing", map("interval", "2 s", "mode", "AT_LEAST_ONCE")));
            Configuration config = Configuration.fromMap(nested, FILE);

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.get(CheckpointingOptions.MODE)).isEqualTo(CheckpointingMode.AT_LEAST_ONCE);
        }

        @Test
        void refuseAKeyGivenTwiceOnceNestedAndOnceFlat() {
            Map<String, Object> both = map(
                    "execution.checkpointing.interval", "1 s",
                    "execution", map("checkpointing", map("interval", "2 s")));
            assertThatThrownBy(() -> Configuration.fromMap(both, FILE))
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.interval': given twice");
        }
    }

    @Nested
    class Reading {

        @Test
        void givesTheDefaultWhenNothingIsSet() {
            Configuration config = new Configuration();
            assertThat(config.get(CheckpointingOptions.TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.getOptional(CheckpointingOptions.TIMEOUT)).isEmpty();
            assertThat(config.contains(CheckpointingOptions.TIMEOUT)).isFalse();
        }

        @Test
        void refusesToInventAValueForAnOptionWithoutDefault() {
            Configuration config = new Configuration();
            assertThat(config.getOptional(CheckpointingOptions.INTERVAL)).isEmpty();
            assertThatThrownBy(() -> config.get(CheckpointingOptions.INTERVAL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("execution.checkpointing.interval");
        }

        @Test
        void readsWhatWasSetTrimmed() {
            Configuration config = new Configuration().set("execution.checkpointing.interval", "  50 ms ", FILE);
            assertThat(config.getOptional(CheckpointingOptions.INTERVAL)).contains(Duration.ofMillis(50));
            assertThat(config.settings().get("execution.checkpointing.interval").rawValue()).isEqualTo("50 ms");
        }

        @Test
        void laterSetsReplaceEarlierOnes() {
            Configuration config = new Configuration()
                    .set("parallelism.default", "2", "a")
                    .set("parallelism.default", "3", "b");
            assertThat(config.get(PipelineOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
            assertThat(config.origin(PipelineOptions.DEFAULT_PARALLELISM)).isEqualTo("b");
        }
    }

    @Nested
    class Origins {

        @Test
        void nameTheFileAValueCameFrom() {
            Configuration config = Configuration.fromMap(map("execution.checkpointing.interval", "1 s"), FILE);
            assertThat(config.origin(CheckpointingOptions.INTERVAL)).isEqualTo(FILE);
        }

        @Test
        void areDefaultForOptionsNotSet() {
            assertThat(new Configuration().origin(CheckpointingOptions.TIMEOUT)).isEqualTo("default");
        }
    }

    @Nested
    class Merging {

        private final Configuration file = Configuration.fromMap(map(
                "execution.checkpointing.interval", "1 s",
                "execution.checkpointing.timeout", "2 min",
                "execution.checkpointing.dir", "file:///from-file"), FILE);

        @Test
        void letsTheHigherPrecedenceValueWin() {
            Configuration commandLine = new Configuration().set("execution.checkpointing.interval", "100 ms", "-D");
            Configuration merged = file.merge(commandLine);

            assertThat(merged.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofMillis(100));
            assertThat(merged.origin(CheckpointingOptions.INTERVAL)).isEqualTo("-D");
        }

        @Test
        void keepsWhatTheHigherPrecedenceDoesNotSet() {
            Configuration merged = file.merge(new Configuration().set("parallelism.default", "4", "-D"));

            assertThat(merged.get(CheckpointingOptions.TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
            assertThat(merged.origin(CheckpointingOptions.TIMEOUT)).isEqualTo(FILE);
            assertThat(merged.get(PipelineOptions.DEFAULT_PARALLELISM)).isEqualTo(4);
        }

        @Test
        void letsADeprecatedKeyWithHigherPrecedenceBeatTheMainKey() {
            Configuration commandLine = new Configuration().set("state.checkpoints.dir", "file:///from-cli", "-D");
            Configuration merged = file.merge(commandLine);

            assertThat(merged.get(CheckpointingOptions.DIR)).isEqualTo("file:///from-cli");
            assertThat(merged.origin(CheckpointingOptions.DIR)).isEqualTo("-D");
        }

        @Test
        void leavesBothInputsUnchanged() {
            Configuration commandLine = new Configuration().set("execution.checkpointing.interval", "100 ms", "-D");
            file.merge(commandLine);

            assertThat(file.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(1));
            assertThat(commandLine.contains(CheckpointingOptions.TIMEOUT)).isFalse();
        }

        @Test
        void copiesAreIndependent() {
            Configuration copy = file.copy();
            copy.set("execution.checkpointing.timeout", "5 min", "-D");

            assertThat(file.get(CheckpointingOptions.TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
            assertThat(copy).isNotEqualTo(file);
            assertThat(file.copy()).isEqualTo(file).hasSameHashCodeAs(file);
        }
    }

    @Nested
    class DisplayTable {

        @Test
        void listsEachKeySetWithItsEffectiveValueAndOrigin() {
            Configuration config = Configuration.fromMap(map(
                    "execution.checkpointing.interval", "50ms",
                    "restart-strategy.type", "fixeddelay"), FILE)
                    .merge(new Configuration().set("execution.checkpointing.timeout", "1 min", "-D"));

            List<String> lines = config.toDisplayTable().lines().toList();

            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("key").contains("value", "origin");
            assertThat(lines.get(1)).matches("execution\\.checkpointing\\.interval +50 ms +simulations/x\\.yaml");
            assertThat(lines.get(2)).matches("execution\\.checkpointing\\.timeout +1 min +-D");
            assertThat(lines.get(3)).matches("restart-strategy\\.type +fixed-delay +simulations/x\\.yaml");
        }

        @Test
        void saysWhenAValueWasSetUnderADeprecatedKey() {
            Configuration config = Configuration.fromMap(map("state.checkpoints.dir", "/tmp/chk"), FILE);
            assertThat(config.toDisplayTable())
                    .contains("execution.checkpointing.dir")
                    .contains("simulations/x.yaml (as state.checkpoints.dir)");
        }

        @Test
        void saysSoWhenNothingIsSet() {
            assertThat(new Configuration().toDisplayTable()).contains("no options set");
        }

        @Test
        void canListEveryOptionWithItsDefault() {
            String table = new Configuration().toFullDisplayTable();
            assertThat(table.lines()).hasSize(ConfigOptions.all().size() + 1);
            assertThat(table).containsPattern("execution\\.checkpointing\\.timeout +10 min +default");
            assertThat(table).containsPattern("execution\\.checkpointing\\.interval +\\(none\\) +default");
            assertThat(table).containsPattern("execution\\.checkpointing\\.data-inline-threshold +20 kb +default");
        }
    }
}
