package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.config.CheckpointingMode;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.RestartOptions;
import io.snapsim.core.config.RestartStrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationParserTest {

    private static final Path FILE = Path.of("simulations", "x.yaml");

    /** A catalog as the runtime would give it: a few jobs and their parameters. */
    private record TestCatalog(Map<String, Set<String>> jobs) implements JobCatalog {
        @Override
        public Set<String> jobNames() {
            return jobs.keySet();
        }

        @Override
        public Set<String> parameterNames(String job) {
            return jobs.get(job);
        }
    }

    private static final JobCatalog CATALOG = new TestCatalog(Map.of(
            "wordcount", Set.of("records", "vocabulary"),
            "sessions", Set.of("records", "gap"),
            "idle", Set.of()));

    private final SimulationParser parser = new SimulationParser(CATALOG);

    private static final String EXAMPLE = """
            name: wordcount-crash-between-checkpoints
            description: A mapper crashes between two checkpoints; recovery must equal a failure-free run.
            job: wordcount            # built-in job name
            parameters: {records: 20000, vocabulary: 50}
            parallelism: 2
            seed: 42
            execution: live           # live | deterministic (default deterministic; parse both)
            sink: transactional       # transactional | plain
            expect: equivalent        # equivalent | duplicates-allowed | divergence
            config:                   # Flink keys, flat
              execution.checkpointing.interval: 50 ms
              execution.checkpointing.mode: EXACTLY_ONCE
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.attempts: 3
              restart-strategy.fixed-delay.delay: 10 ms
            faults:
              - crash: {operator: counter, subtask: 1, at-record: 7000}
              - crash: {operator: counter, subtask: 0, at-checkpoint: 2}   # crash while snapshotting checkpoint 2
            """;

    private SimulationSpec parse(String yaml) {
        return parser.parse(yaml, FILE);
    }

    /** Parsing fails with one user-facing line that starts with the file and contains every fragment. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String yaml, String... fragments) {
        AbstractThrowableAssert<?, ? extends Throwable> refusal = assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(FILE + ": ")
                .hasMessageNotContaining("\n");
        for (String fragment : fragments) {
            refusal.hasMessageContaining(fragment);
        }
        return refusal;
    }

    @Nested
    class TheExampleFile {

        @Test
        void isReadCompletely(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("example.yaml");
            Files.writeString(file, EXAMPLE);

            SimulationSpec spec = parser.parse(file);

            assertThat(spec.name()).isEqualTo("wordcount-crash-between-checkpoints");
            assertThat(spec.description()).startsWith("A mapper crashes between two checkpoints");
            assertThat(spec.file()).isEqualTo(file);
            assertThat(spec.job()).isEqualTo("wordcount");
            assertThat(spec.parameters()).containsExactly(Map.entry("records", 20000), Map.entry("vocabulary", 50));
            assertThat(spec.parallelism()).isEqualTo(2);
            assertThat(spec.seed()).isEqualTo(42);
            assertThat(spec.execution()).isEqualTo(ExecutionMode.LIVE);
            assertThat(spec.sink()).isEqualTo(SinkKind.TRANSACTIONAL);
            assertThat(spec.expect()).isEqualTo(Expectation.EQUIVALENT);
            assertThat(spec.faults()).containsExactly(
                    CrashFault.atRecord("counter", 1, 7000),
                    CrashFault.atCheckpoint("counter", 0, 2));
        }

        @Test
        void carriesItsFlinkOptionsWithTheFileAsOrigin() {
            Configuration config = parse(EXAMPLE).config();

            assertThat(config.get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofMillis(50));
            assertThat(config.get(CheckpointingOptions.MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
            assertThat(RestartOptions.effectiveStrategy(config)).isEqualTo(RestartStrategyType.FIXED_DELAY);
            assertThat(config.get(RestartOptions.FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
            assertThat(config.get(RestartOptions.FIXED_DELAY_DELAY)).isEqualTo(Duration.ofMillis(10));
            assertThat(config.origin(CheckpointingOptions.INTERVAL)).isEqualTo(FILE.toString());
            assertThat(config.origin(CheckpointingOptions.TIMEOUT)).isEqualTo("default");
        }

        @Test
        void givesTheSameSpecFromTextAndFromAFile(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("same.yaml");
            Files.writeString(file, EXAMPLE);
            assertThat(parser.parse(file)).isEqualTo(parser.parse(EXAMPLE, file));
        }
    }

    @Nested
    class Defaults {

        @Test
        void fillEverythingButTheJob() {
            SimulationSpec spec = parser.parse("job: wordcount\n", Path.of("simulations", "my-run.yaml"));

            assertThat(spec.name()).isEqualTo("my-run");
            assertThat(spec.description()).isEmpty();
            assertThat(spec.parameters()).isEmpty();
            assertThat(spec.parallelism()).isEqualTo(1);
            assertThat(spec.seed()).isEqualTo(1);
            assertThat(spec.execution()).isEqualTo(ExecutionMode.DETERMINISTIC);
            assertThat(spec.sink()).isEqualTo(SinkKind.TRANSACTIONAL);
            assertThat(spec.expect()).isEqualTo(Expectation.EQUIVALENT);
            assertThat(spec.config().isEmpty()).isTrue();
            assertThat(spec.faults()).isEmpty();
        }

        @Test
        void nameTheSimulationAfterAYmlFileToo() {
            assertThat(parser.parse("job: idle", Path.of("quiet.yml")).name()).isEqualTo("quiet");
        }

        @Test
        void takeTheParallelismFromParallelismDefault() {
            SimulationSpec spec = parse("""
                    job: wordcount
                    config: {parallelism.default: 3}
                    """);
            assertThat(spec.parallelism()).isEqualTo(3);
        }

        @Test
        void letTheTopLevelParallelismWinOverParallelismDefault() {
            SimulationSpec spec = parse("""
                    job: wordcount
                    parallelism: 4
                    config: {parallelism.default: 3}
                    """);
            assertThat(spec.parallelism()).isEqualTo(4);
        }

        @Test
        void treatEmptySectionsAsAbsent() {
            SimulationSpec spec = parse("""
                    job: wordcount
                    parameters:
                    config:
                    faults:
                    """);
            assertThat(spec.parameters()).isEmpty();
            assertThat(spec.config().isEmpty()).isTrue();
            assertThat(spec.faults()).isEmpty();
        }
    }

    @Nested
    class Spellings {

        @ParameterizedTest(name = "expect: {0}")
        @CsvSource({"equivalent, EQUIVALENT", "duplicates-allowed, DUPLICATES_ALLOWED", "DUPLICATES_ALLOWED, DUPLICATES_ALLOWED",
                "divergence, DIVERGENCE"})
        void ofExpectationsAreLowerCaseWithHyphensOrTheConstantName(String text, Expectation expected) {
            assertThat(parse("job: wordcount\nexpect: " + text).expect()).isEqualTo(expected);
        }

        @Test
        void ofExecutionModesAndSinksAreTheirLowerCaseNames() {
            SimulationSpec spec = parse("job: wordcount\nexecution: deterministic\nsink: plain");
            assertThat(spec.execution()).isEqualTo(ExecutionMode.DETERMINISTIC);
            assertThat(spec.sink()).isEqualTo(SinkKind.PLAIN);
            assertThat(Expectation.DUPLICATES_ALLOWED.yamlName()).isEqualTo("duplicates-allowed");
        }

        @Test
        void ofNestedFlinkKeysAreFlattened() {
            SimulationSpec spec = parse("""
                    job: wordcount
                    config:
                      execution:
                        checkpointing:
                          interval: 1 s
                    """);
            assertThat(spec.config().get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void ofNumbersMayBeQuoted() {
            SimulationSpec spec = parse("job: wordcount\nparallelism: '3'\nseed: \"-7\"");
            assertThat(spec.parallelism()).isEqualTo(3);
            assertThat(spec.seed()).isEqualTo(-7);
        }
    }

    @Nested
    class TheSpec {

        @Test
        void cannotBeChangedThroughItsConfiguration() {
            SimulationSpec spec = parse(EXAMPLE);
            spec.config().set("execution.checkpointing.interval", "1 h", "test");
            assertThat(spec.config().get(CheckpointingOptions.INTERVAL)).isEqualTo(Duration.ofMillis(50));
        }

        @Test
        void cannotBeChangedThroughItsCollections() {
            SimulationSpec spec = parse(EXAMPLE);
            assertThatThrownBy(() -> spec.parameters().put("records", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> spec.faults().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @SuppressWarnings("unchecked")
        private static List<Object> castList(Object value) {
            return (List<Object>) value;
        }

        @Test
        void keepsNestedParameterValuesUnmodifiable() {
            SimulationSpec spec = parse("job: sessions\nparameters: {gap: [1, {a: 2}]}\n");
            List<Object> gap = castList(spec.parameters().get("gap"));
            assertThat(gap).containsExactly(1, Map.of("a", 2));
            assertThatThrownBy(() -> gap.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ((Map<?, ?>) gap.get(1)).clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class CrashFaults {

        @Test
        void knowTheirKind() {
            assertThat(CrashFault.atRecord("map", 0, 1).type()).isEqualTo("crash");
        }

        @Test
        void needExactlyOneTrigger() {
            assertThatThrownBy(() -> new CrashFault("map", 0, 5L, 2L)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CrashFault("map", 0, null, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuseImpossibleValues() {
            assertThatThrownBy(() -> CrashFault.atRecord("map", -1, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashFault.atRecord("map", 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashFault.atCheckpoint("map", 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashFault.atRecord(" ", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class FileProblems {

        @Test
        void aMissingFileIsNamed(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");
            assertThatThrownBy(() -> parser.parse(missing))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(missing + ": no such file");
        }

        @Test
        void aYamlSyntaxErrorGivesLineAndColumnOnOneLine() {
            assertRefused("job: wordcount\n  bad: indent\n",
                    "YAML syntax error at line 2, column 6: mapping values are not allowed here")
                    .hasMessage("simulations/x.yaml: YAML syntax error at line 2, column 6: mapping values are not allowed here");
        }

        @Test
        void anUnclosedBracketSaysWhereItOpened() {
            assertRefused("job: wordcount\nseed: [1\n",
                    "YAML syntax error at line 3, column 1: expected ',' or ']'",
                    "(while parsing a flow sequence started at line 2, column 7)");
        }

        @Test
        void aKeyGivenTwiceIsNamed() {
            assertRefused("job: wordcount\nseed: 1\nseed: 2\n", "key 'seed' is given twice", "line 3");
        }

        @Test
        void anEmptyFileIsRefused() {
            assertRefused("", "the file is empty");
            assertRefused("# nothing but a comment\n", "the file is empty");
        }

        @Test
        void aFileThatIsNotAMappingIsRefused() {
            assertRefused("- job: wordcount\n", "expected a mapping", "got a list");
        }
    }

    @Nested
    class TopLevelKeys {

        @Test
        void anUnknownKeyIsRefusedWithTheClosestKnownKey() {
            assertRefused("job: wordcount\nparralelism: 2\n")
                    .hasMessageStartingWith("simulations/x.yaml: key 'parralelism': unknown key; did you mean 'parallelism'?")
                    .hasMessageContaining("known keys: name, description, job,");
        }

        @Test
        void aMissingJobIsRefusedListingTheJobs() {
            assertRefused("seed: 3\n")
                    .hasMessage("simulations/x.yaml: key 'job': missing; name one of the built-in jobs: idle, sessions, wordcount");
        }

        @Test
        void anUnknownJobIsRefusedListingTheJobs() {
            assertRefused("job: wordcont\n")
                    .hasMessage("simulations/x.yaml: key 'job': unknown job 'wordcont'; did you mean 'wordcount'?"
                            + " (known jobs: idle, sessions, wordcount)");
        }

        @Test
        void anEmptyNameIsRefused() {
            assertRefused("job: wordcount\nname: ''\n").hasMessage("simulations/x.yaml: key 'name': must not be empty");
        }

        @Test
        void anUnknownExecutionModeIsRefusedListingTheModes() {
            assertRefused("job: wordcount\nexecution: fast\n")
                    .hasMessage("simulations/x.yaml: key 'execution': expected one of live, deterministic, got 'fast'");
        }

        @Test
        void anUnknownExpectationIsRefusedListingTheExpectations() {
            assertRefused("job: wordcount\nexpect: exact\n")
                    .hasMessage("simulations/x.yaml: key 'expect': expected one of equivalent, duplicates-allowed, divergence,"
                            + " got 'exact'");
        }

        @Test
        void aSinkThatIsAMappingIsRefused() {
            assertRefused("job: wordcount\nsink: {kind: plain}\n")
                    .hasMessage("simulations/x.yaml: key 'sink': expected a text value, got a mapping");
        }
    }

    @Nested
    class Parameters {

        @Test
        void anUnknownParameterIsRefusedWithTheClosestOne() {
            assertRefused("job: wordcount\nparameters: {records: 10, vocab: 5}\n")
                    .hasMessage("simulations/x.yaml: key 'parameters.vocab': unknown parameter of job 'wordcount';"
                            + " did you mean 'vocabulary'? (known parameters: records, vocabulary)");
        }

        @Test
        void aJobWithoutParametersRefusesAny() {
            assertRefused("job: idle\nparameters: {records: 10}\n")
                    .hasMessage("simulations/x.yaml: key 'parameters.records': job 'idle' takes no parameters");
        }

        @Test
        void aParameterWithoutValueIsRefused() {
            assertRefused("job: wordcount\nparameters:\n  records:\n")
                    .hasMessage("simulations/x.yaml: key 'parameters.records': missing value");
        }

        @Test
        void parametersThatAreNotAMappingAreRefused() {
            assertRefused("job: wordcount\nparameters: [records]\n")
                    .hasMessage("simulations/x.yaml: key 'parameters': expected a mapping of the job's parameters, got a list");
        }
    }

    @Nested
    class WrongTypes {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
                "parallelism | abc    | expected an integer, got 'abc'",
                "parallelism | 2.5    | expected an integer, got '2.5'",
                "parallelism | [1, 2] | expected an integer, got a list",
                "seed        | abc    | expected an integer, got 'abc'",
                "seed        | 99999999999999999999 | expected an integer, got '99999999999999999999'",
                "parallelism | 3000000000 | expected an integer between -2147483648 and 2147483647, got '3000000000'",
        })
        void areRefusedNamingTheKeyAndWhatWasFound(String key, String value, String reason) {
            assertRefused("job: wordcount\n" + key + ": " + value + "\n")
                    .hasMessage("simulations/x.yaml: key '" + key + "': " + reason);
        }
    }

    @Nested
    class Parallelism {

        @ParameterizedTest
        @CsvSource({"0", "-1"})
        void belowOneIsRefused(int parallelism) {
            assertRefused("job: wordcount\nparallelism: " + parallelism + "\n")
                    .hasMessage("simulations/x.yaml: key 'parallelism': must be at least 1, got " + parallelism);
        }

        @Test
        void aboveTheConfiguredMaxParallelismIsRefused() {
            assertRefused("job: wordcount\nparallelism: 200\nconfig: {pipeline.max-parallelism: 128}\n")
                    .hasMessage("simulations/x.yaml: key 'parallelism': 200 exceeds pipeline.max-parallelism (128)");
        }

        @Test
        void withoutAConfiguredMaxParallelismUpTo32768IsAcceptedAndAboveIsRefused() {
            assertThat(parse("job: wordcount\nparallelism: 250\n").parallelism()).isEqualTo(250);
            assertRefused("job: wordcount\nparallelism: 40000\n")
                    .hasMessage("simulations/x.yaml: key 'parallelism': 40000 exceeds the largest max parallelism, 32768");
        }

        @Test
        void upToARaisedMaxParallelismIsAccepted() {
            SimulationSpec spec = parse("job: wordcount\nparallelism: 200\nconfig: {pipeline.max-parallelism: 256}\n");
            assertThat(spec.parallelism()).isEqualTo(200);
        }
    }

    @Nested
    class Config {

        @Test
        void aNegativeIntervalIsRefused() {
            assertRefused("job: wordcount\nconfig:\n  execution.checkpointing.interval: -5 s\n")
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.interval': bad value '-5 s': must not be negative");
        }

        @Test
        void anUnknownKeyIsRefusedWithTheClosestKnownKey() {
            assertRefused("job: wordcount\nconfig:\n  execution.checkpointing.intervall: 5 s\n")
                    .hasMessage("simulations/x.yaml: key 'execution.checkpointing.intervall': unknown configuration key;"
                            + " did you mean 'execution.checkpointing.interval'?");
        }

        @Test
        void aConfigThatIsNotAMappingIsRefused() {
            assertRefused("job: wordcount\nconfig: [a, b]\n",
                    "key 'config': expected a mapping of Flink options", "got a list");
        }
    }

    @Nested
    class Faults {

        private static final String PREFIX = """
                job: wordcount
                parallelism: 2
                config: {execution.checkpointing.interval: 10 ms}
                faults:
                """;

        @Test
        void aFaultListThatIsNotAListIsRefused() {
            assertRefused("job: wordcount\nfaults: {crash: {}}\n",
                    "key 'faults': expected a list of faults", "got a mapping");
        }

        @Test
        void anItemThatIsNotAMappingIsRefused() {
            assertRefused(PREFIX + "  - crash\n",
                    "key 'faults[0]': expected exactly one fault kind (cancel, crash, crash-at, crash-coordinator, crash-operator,"
                            + " crash-task-manager, network, random, savepoint, sink-commit-fails, storage) as the single key, got 'crash'");
        }

        @Test
        void anItemWithTwoKindsIsRefused() {
            assertRefused(PREFIX + "  - {crash: {operator: a, subtask: 0, at-record: 1}, delay: {}}\n",
                    "key 'faults[0]': expected exactly one fault kind", "got several keys: crash, delay");
        }

        @Test
        void anUnknownFaultKindIsRefusedWithTheKnownKinds() {
            assertRefused(PREFIX + "  - crash: {operator: a, subtask: 0, at-record: 1}\n  - crahs: {operator: a}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[1].crahs': unknown fault kind 'crahs';"
                            + " did you mean 'crash'? (known kinds: cancel, crash, crash-at, crash-coordinator, crash-operator,"
                            + " crash-task-manager, network, random, savepoint, sink-commit-fails, storage)");
        }

        @Test
        void bothAtRecordAndAtCheckpointAreRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0, at-record: 5, at-checkpoint: 2}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash': give exactly one of 'at-record' or"
                            + " 'at-checkpoint', got both");
        }

        @Test
        void neitherAtRecordNorAtCheckpointIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash': give exactly one of 'at-record' or"
                            + " 'at-checkpoint', got neither");
        }

        @Test
        void aRecordNumberBelowOneIsRefusedAtItsPath() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0, at-record: 3}\n"
                    + "  - crash: {operator: counter, subtask: 1, at-record: 0}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[1].crash.at-record': must be at least 1"
                            + " (records are counted from 1), got 0");
        }

        @Test
        void aRecordNumberThatIsNotANumberIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0, at-record: soon}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.at-record': expected an integer, got 'soon'");
        }

        @Test
        void aCheckpointIdBelowOneIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0, at-checkpoint: 0}\n",
                    "key 'faults[0].crash.at-checkpoint': must be at least 1");
        }

        @Test
        void aCrashAtACheckpointNeedsCheckpointing() {
            assertRefused("job: wordcount\nfaults:\n  - crash: {operator: counter, subtask: 0, at-checkpoint: 2}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.at-checkpoint': checkpointing is off, so checkpoint 2"
                            + " never happens; set config 'execution.checkpointing.interval'");
        }

        @Test
        void aNegativeSubtaskIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: -1, at-record: 5}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.subtask': must not be negative, got -1");
        }

        @Test
        void aSubtaskBeyondTheParallelismIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 2, at-record: 5}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.subtask': subtask 2 does not exist at"
                            + " parallelism 2 (subtasks are 0..1)");
        }

        @Test
        void aMissingOperatorIsRefused() {
            assertRefused(PREFIX + "  - crash: {subtask: 0, at-record: 5}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.operator': missing (required)");
        }

        @Test
        void aMissingSubtaskIsRefused() {
            assertRefused(PREFIX + "  - crash: {operator: counter, at-record: 5}\n")
                    .hasMessage("simulations/x.yaml: key 'faults[0].crash.subtask': missing (required)");
        }

        @Test
        void anUnknownCrashKeyIsRefusedWithTheClosestOne() {
            assertRefused(PREFIX + "  - crash: {operator: counter, subtask: 0, at-recrod: 5}\n",
                    "key 'faults[0].crash.at-recrod': unknown key; did you mean 'at-record'?");
        }

        @Test
        void aCrashWithoutFieldsIsRefused() {
            assertRefused(PREFIX + "  - crash:\n",
                    "key 'faults[0].crash': expected a mapping such as {operator: counter, subtask: 0, at-record: 100}",
                    "got nothing");
        }

        @Test
        void faultsKeepTheirFileOrder() {
            SimulationSpec spec = parse(PREFIX
                    + "  - crash: {operator: b, subtask: 1, at-checkpoint: 3}\n"
                    + "  - crash: {operator: a, subtask: 0, at-record: 9}\n");
            assertThat(spec.faults()).extracting(f -> ((CrashFault) f).operator()).isEqualTo(List.of("b", "a"));
        }
    }
}
