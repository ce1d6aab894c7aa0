package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigOptionsTest {

    @Nested
    class Registry {

        @Test
        void listsEveryDeclaredOptionExactlyOnce() throws IllegalAccessException {
            List<ConfigOption<?>> declared = new ArrayList<>();
            for (Class<?> holder : List.of(CheckpointingOptions.class, StateOptions.class,
                    RestartOptions.class, PipelineOptions.class)) {
                for (Field field : holder.getFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                        declared.add((ConfigOption<?>) field.get(null));
                    }
                }
            }
            assertThat(declared).as("the option holders declare options").hasSizeGreaterThan(20);
            assertThat(ConfigOptions.all()).containsExactlyInAnyOrderElementsOf(declared).doesNotHaveDuplicates();
        }

        @Test
        void coversEveryKeyOfTheReferenceTable() {
            assertThat(ConfigOptions.all()).extracting(ConfigOption::key).contains(
                    "execution.checkpointing.interval",
                    "execution.checkpointing.mode",
                    "execution.checkpointing.timeout",
                    "execution.checkpointing.min-pause",
                    "execution.checkpointing.max-concurrent-checkpoints",
                    "execution.checkpointing.tolerable-failed-checkpoints",
                    "execution.checkpointing.unaligned.enabled",
                    "execution.checkpointing.aligned-checkpoint-timeout",
                    "execution.checkpointing.externalized-checkpoint-retention",
                    "execution.checkpointing.num-retained",
                    "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir",
                    "execution.checkpointing.incremental",
                    "execution.checkpointing.data-inline-threshold",
                    "state.backend.type",
                    "execution.state-recovery.path",
                    "execution.state-recovery.claim-mode",
                    "restart-strategy.type");
        }

        @Test
        void findsAnOptionByItsMainOrDeprecatedKey() {
            assertThat(ConfigOptions.forKey("execution.checkpointing.dir")).contains(CheckpointingOptions.DIR);
            assertThat(ConfigOptions.forKey("state.checkpoints.dir")).contains(CheckpointingOptions.DIR);
            assertThat(ConfigOptions.forKey("state.checkpoint.dir")).isEmpty();
        }

        @Test
        void everyOptionHasADescription() {
            assertThat(ConfigOptions.all()).hasSizeGreaterThan(20)
                    .allSatisfy(o -> assertThat(o.description()).isNotBlank());
        }

        @Test
        void everyDefaultIsAValidValueOfItsOption() {
            int checked = 0;
            for (ConfigOption<?> option : ConfigOptions.all()) {
                if (option.defaultAsText().isPresent()) {
                    assertThat((Object) option.parse(option.defaultAsText().get())).as(option.key())
                            .isEqualTo(option.defaultValue().get());
                    checked++;
                }
            }
            assertThat(checked).as("options with a default, each parsed back").isGreaterThan(15);
        }
    }

    @Nested
    class Defaults {

        static Stream<Arguments> defaults() {
            return Stream.of(
                    Arguments.of(CheckpointingOptions.MODE, CheckpointingMode.EXACTLY_ONCE),
                    Arguments.of(CheckpointingOptions.TIMEOUT, Duration.ofMinutes(10)),
                    Arguments.of(CheckpointingOptions.MIN_PAUSE, Duration.ZERO),
                    Arguments.of(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1),
                    Arguments.of(CheckpointingOptions.TOLERABLE_FAILED_CHECKPOINTS, 0),
                    Arguments.of(CheckpointingOptions.UNALIGNED_ENABLED, false),
                    Arguments.of(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, Duration.ZERO),
                    Arguments.of(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                            ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS),
                    Arguments.of(CheckpointingOptions.NUM_RETAINED, 1),
                    Arguments.of(CheckpointingOptions.INCREMENTAL, false),
                    Arguments.of(CheckpointingOptions.DATA_INLINE_THRESHOLD, MemorySize.ofKibiBytes(20)),
                    Arguments.of(StateOptions.BACKEND_TYPE, StateBackendType.HASHMAP),
                    Arguments.of(StateOptions.RECOVERY_CLAIM_MODE, RecoveryClaimMode.NO_CLAIM),
                    Arguments.of(RestartOptions.FIXED_DELAY_ATTEMPTS, 1),
                    Arguments.of(RestartOptions.FIXED_DELAY_DELAY, Duration.ofSeconds(1)),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1)),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1)),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofHours(1)),
                    Arguments.of(RestartOptions.EXPONENTIAL_DELAY_ATTEMPTS_BEFORE_RESET_BACKOFF, Integer.MAX_VALUE),
                    Arguments.of(RestartOptions.FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, 1),
                    Arguments.of(RestartOptions.FAILURE_RATE_INTERVAL, Duration.ofMinutes(1)),
                    Arguments.of(RestartOptions.FAILURE_RATE_DELAY, Duration.ofSeconds(1)),
                    Arguments.of(PipelineOptions.DEFAULT_PARALLELISM, 1));
        }

        @ParameterizedTest(name = "{0} defaults to {1}")
        @MethodSource("defaults")
        void matchTheReferenceTable(ConfigOption<?> option, Object expected) {
            assertThat((Object) new Configuration().get(option)).isEqualTo(expected);
        }

        @Test
        void optionsThatAreOffUnlessSetHaveNoDefault() {
            assertThat(List.of(CheckpointingOptions.INTERVAL, CheckpointingOptions.DIR, CheckpointingOptions.SAVEPOINT_DIR,
                    StateOptions.RECOVERY_PATH, RestartOptions.TYPE, PipelineOptions.MAX_PARALLELISM))
                    .allSatisfy(o -> assertThat(o.defaultValue()).isEmpty());
        }
    }

    @Nested
    class RestartStrategyDefault {

        @Test
        void isNoneWhenCheckpointingIsOff() {
            assertThat(RestartOptions.effectiveStrategy(new Configuration())).isEqualTo(RestartStrategyType.NONE);
        }

        @Test
        void isExponentialDelayWhenCheckpointingIsOn() {
            Configuration config = new Configuration().set("execution.checkpointing.interval", "1 s", "test");
            assertThat(RestartOptions.effectiveStrategy(config)).isEqualTo(RestartStrategyType.EXPONENTIAL_DELAY);
        }

        @Test
        void isTheConfiguredStrategyWhenOneIsSet() {
            Configuration config = new Configuration()
                    .set("execution.checkpointing.interval", "1 s", "test")
                    .set("restart-strategy.type", "none", "test");
            assertThat(RestartOptions.effectiveStrategy(config)).isEqualTo(RestartStrategyType.NONE);
        }

        @ParameterizedTest(name = "''{0}'' is {1}")
        @CsvSource({
                "none, NONE", "off, NONE", "disable, NONE",
                "fixed-delay, FIXED_DELAY", "fixeddelay, FIXED_DELAY", "FIXED_DELAY, FIXED_DELAY",
                "exponential-delay, EXPONENTIAL_DELAY", "exponentialdelay, EXPONENTIAL_DELAY",
                "failure-rate, FAILURE_RATE", "failurerate, FAILURE_RATE", "Failure-Rate, FAILURE_RATE"})
        void acceptsFlinksAliases(String text, RestartStrategyType expected) {
            assertThat(RestartOptions.TYPE.parse(text)).isEqualTo(expected);
        }
    }

    @Nested
    class ValueChecks {

        @ParameterizedTest(name = "{0}: ''{1}'' is refused with ''{2}''")
        @CsvSource(delimiter = '|', value = {
                "execution.checkpointing.interval                      | 0             | must be greater than 0",
                "execution.checkpointing.interval                      | -5 s          | must not be negative",
                "execution.checkpointing.timeout                       | 0 ms          | must be greater than 0",
                "execution.checkpointing.min-pause                     | -1 s          | must not be negative",
                "execution.checkpointing.aligned-checkpoint-timeout    | -1            | must not be negative",
                "execution.checkpointing.max-concurrent-checkpoints    | 0             | must be at least 1",
                "execution.checkpointing.tolerable-failed-checkpoints  | -1            | must not be negative",
                "execution.checkpointing.num-retained                  | 0             | must be at least 1",
                "execution.checkpointing.num-retained                  | abc           | expected an integer, got 'abc'",
                "execution.checkpointing.unaligned.enabled             | yes           | expected true or false, got 'yes'",
                "execution.checkpointing.mode                          | ONCE          | expected one of EXACTLY_ONCE, AT_LEAST_ONCE",
                "execution.checkpointing.externalized-checkpoint-retention | KEEP      | expected one of NO_EXTERNALIZED_CHECKPOINTS, DELETE_ON_CANCELLATION, RETAIN_ON_CANCELLATION",
                "execution.checkpointing.data-inline-threshold         | 2 mb          | must not exceed 1 mb",
                "execution.checkpointing.data-inline-threshold         | -1 kb         | must not be negative",
                "execution.checkpointing.dir                           | '   '         | must not be empty",
                "state.backend.type                                    | memory        | expected one of hashmap, rocksdb",
                "execution.state-recovery.claim-mode                   | LEGACY        | expected one of NO_CLAIM, CLAIM",
                "restart-strategy.type                                 | sometimes     | expected one of none, fixed-delay, exponential-delay, failure-rate",
                "restart-strategy.fixed-delay.attempts                 | -2            | must not be negative",
                "restart-strategy.fixed-delay.delay                    | -1 s          | must not be negative",
                "restart-strategy.exponential-delay.backoff-multiplier | 0.5           | must be at least 1.0",
                "restart-strategy.exponential-delay.backoff-multiplier | x             | expected a number, got 'x'",
                "restart-strategy.exponential-delay.jitter-factor      | 1.5           | must be between 0.0 and 1.0",
                "restart-strategy.failure-rate.max-failures-per-interval | -1          | must not be negative",
                "parallelism.default                                   | 0             | must be at least 1",
                "pipeline.max-parallelism                              | 0             | must be between 1 and 32768",
                "pipeline.max-parallelism                              | 32769         | must be between 1 and 32768",
                "pipeline.max-parallelism                              | 99999999999   | must be between 1 and 32768",
        })
        void refuseValuesOutOfRange(String key, String value, String reason) {
            ConfigOption<?> option = ConfigOptions.forKey(key).orElseThrow();
            assertThatThrownBy(() -> option.parse(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(reason);
        }

        @Test
        void acceptValuesAtTheLimits() {
            assertThat(PipelineOptions.MAX_PARALLELISM.parse("32768")).isEqualTo(32768);
            assertThat(PipelineOptions.MAX_PARALLELISM.parse("1")).isEqualTo(1);
            assertThat(CheckpointingOptions.DATA_INLINE_THRESHOLD.parse("1 mb")).isEqualTo(MemorySize.ofMebiBytes(1));
            assertThat(RestartOptions.EXPONENTIAL_DELAY_JITTER_FACTOR.parse("0")).isEqualTo(0.0);
        }

        @Test
        void readEnumsWhateverTheirCase() {
            Map<String, Object> spellings = Map.of(
                    "exactly_once", CheckpointingMode.EXACTLY_ONCE,
                    "At-Least-Once", CheckpointingMode.AT_LEAST_ONCE);
            spellings.forEach((text, mode) -> assertThat(CheckpointingOptions.MODE.parse(text)).isEqualTo(mode));
            assertThat(StateOptions.BACKEND_TYPE.parse("RocksDB")).isEqualTo(StateBackendType.ROCKSDB);
            assertThat(StateOptions.RECOVERY_CLAIM_MODE.parse("claim")).isEqualTo(RecoveryClaimMode.CLAIM);
        }
    }
}
