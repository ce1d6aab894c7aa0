package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.CrashAt;
import io.snapsim.core.sim.Faults.CrashCoordinator;
import io.snapsim.core.sim.Faults.CrashOperator;
import io.snapsim.core.sim.Faults.CrashTaskManager;
import io.snapsim.core.sim.Faults.NetworkFault;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.SinkCommitFails;
import io.snapsim.core.sim.Faults.StorageFault;
import io.snapsim.core.sim.Faults.StorageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault kind of the catalogue beyond {@code crash}: its YAML form, and each way it can be wrong. */
class FaultCatalogueParserTest {

    private static final Path FILE = Path.of("simulations", "x.yaml");

    private static final JobCatalog CATALOG = new JobCatalog() {
        @Override
        public Set<String> jobNames() {
            return Set.of("wordcount");
        }

        @Override
        public Set<String> parameterNames(String job) {
            return Set.of("records");
        }
    };

    private static final String WITH_CHECKPOINTS = """
            job: wordcount
            parallelism: 2
            config: {execution.checkpointing.interval: 10 ms}
            faults:
            """;

    private static final String WITHOUT_CHECKPOINTS = """
            job: wordcount
            parallelism: 2
            faults:
            """;

    private final SimulationParser parser = new SimulationParser(CATALOG);

    /** The single fault of a file with checkpointing and parallelism 2. */
    private FaultSpec fault(String item) {
        List<FaultSpec> faults = parser.parse(WITH_CHECKPOINTS + "  - " + item + "\n", FILE).faults();
        assertThat(faults).hasSize(1);
        return faults.get(0);
    }

    /** Parsing the item fails with exactly {@code message} after the file name. */
    private void assertRefused(String item, String message) {
        assertRefused(WITH_CHECKPOINTS, item, message);
    }

    private void assertRefused(String prefix, String item, String message) {
        assertThatThrownBy(() -> parser.parse(prefix + "  - " + item + "\n", FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(FILE + ": " + message);
    }

    @Nested
    class CrashAtAPhaseOrATime {

        @ParameterizedTest
        @CsvSource({"before-snapshot, BEFORE_SNAPSHOT", "after-snapshot, AFTER_SNAPSHOT", "after-ack, AFTER_ACK"})
        void readsEachCheckpointPhase(String text, CheckpointPhase phase) {
            assertThat(fault("crash-at: {operator: counter, subtask: 0, at-checkpoint: 3, phase: " + text + "}"))
                    .isEqualTo(new CrashAt("counter", 0, 3L, phase, null));
        }

        @Test
        void readsATimeInMillisecondsOrAsADuration() {
            assertThat(fault("crash-at: {operator: counter, subtask: 1, at-time: 150}"))
                    .isEqualTo(new CrashAt("counter", 1, null, null, 150L));
            assertThat(fault("crash-at: {operator: counter, subtask: 1, at-time: 2 s}"))
                    .isEqualTo(new CrashAt("counter", 1, null, null, 2000L));
        }

        @Test
        void needsAPhaseWithACheckpoint() {
            assertRefused("crash-at: {operator: counter, subtask: 0, at-checkpoint: 3}",
                    "key 'faults[0].crash-at.phase': missing (required with 'at-checkpoint'; one of before-snapshot,"
                            + " after-snapshot, after-ack)");
        }

        @Test
        void refusesAPhaseWithATime() {
            assertRefused("crash-at: {operator: counter, subtask: 0, at-time: 5, phase: after-ack}",
                    "key 'faults[0].crash-at.phase': applies only with 'at-checkpoint'; a crash 'at-time' has no"
                            + " checkpoint phase");
        }

        @Test
        void refusesAnUnknownPhaseListingThePhases() {
            assertRefused("crash-at: {operator: counter, subtask: 0, at-checkpoint: 3, phase: during}",
                    "key 'faults[0].crash-at.phase': expected one of before-snapshot, after-snapshot, after-ack,"
                            + " got 'during'");
        }

        @Test
        void needsExactlyOneOfCheckpointAndTime() {
            assertRefused("crash-at: {operator: counter, subtask: 0, at-checkpoint: 3, phase: after-ack, at-time: 5}",
                    "key 'faults[0].crash-at': give exactly one of 'at-checkpoint' or 'at-time', got both");
            assertRefused("crash-at: {operator: counter, subtask: 0}",
                    "key 'faults[0].crash-at': give exactly one of 'at-checkpoint' or 'at-time', got neither");
        }

        @Test
        void refusesASubtaskBeyondTheParallelism() {
            assertRefused("crash-at: {operator: counter, subtask: 2, at-time: 5}",
                    "key 'faults[0].crash-at.subtask': subtask 2 does not exist at parallelism 2 (subtasks are 0..1)");
        }

        @Test
        void refusesANegativeTime() {
            assertRefused("crash-at: {operator: counter, subtask: 0, at-time: -5}",
                    "key 'faults[0].crash-at.at-time': must not be negative, got -5");
        }

        @Test
        void refusesACheckpointWithoutCheckpointing() {
            assertRefused(WITHOUT_CHECKPOINTS, "crash-at: {operator: counter, subtask: 0, at-checkpoint: 1, phase: after-ack}",
                    "key 'faults[0].crash-at.at-checkpoint': checkpointing is off, so checkpoint 1 never happens;"
                            + " set config 'execution.checkpointing.interval'");
        }
    }

    @Nested
    class CrashOperatorFaults {

        @Test
        void readsEachPosition() {
            assertThat(fault("crash-operator: {operator: counter, at-record: 2000}"))
                    .isEqualTo(new CrashOperator("counter", 2000L, null, null));
            assertThat(fault("crash-operator: {operator: counter, at-checkpoint: 2}"))
                    .isEqualTo(new CrashOperator("counter", null, 2L, null));
            assertThat(fault("crash-operator: {operator: counter, at-time: 100 ms}"))
                    .isEqualTo(new CrashOperator("counter", null, null, 100L));
        }

        @Test
        void needsExactlyOnePosition() {
            assertRefused("crash-operator: {operator: counter}",
                    "key 'faults[0].crash-operator': give exactly one of 'at-record', 'at-checkpoint' or 'at-time',"
                            + " got none");
            assertRefused("crash-operator: {operator: counter, at-record: 5, at-time: 5}",
                    "key 'faults[0].crash-operator': give exactly one of 'at-record', 'at-checkpoint' or 'at-time',"
                            + " got at-record and at-time");
        }

        @Test
        void refusesASubtaskKeyWithTheKnownKeys() {
            assertRefused("crash-operator: {operator: counter, subtask: 0, at-record: 5}",
                    "key 'faults[0].crash-operator.subtask': unknown key (known keys: operator, at-record, at-checkpoint,"
                            + " at-time)");
        }

        @Test
        void refusesARecordBelowOne() {
            assertRefused("crash-operator: {operator: counter, at-record: 0}",
                    "key 'faults[0].crash-operator.at-record': must be at least 1 (records are counted from 1), got 0");
        }

        @Test
        void needsAnOperator() {
            assertRefused("crash-operator: {at-record: 5}", "key 'faults[0].crash-operator.operator': missing (required)");
        }
    }

    @Nested
    class CrashTaskManagerFaults {

        @Test
        void readsATimeOrACheckpoint() {
            assertThat(fault("crash-task-manager: {task-manager: 1, task-managers: 2, at-time: 100}"))
                    .isEqualTo(new CrashTaskManager(1, 2, 100L, null));
            assertThat(fault("crash-task-manager: {task-manager: 0, task-managers: 3, at-checkpoint: 4}"))
                    .isEqualTo(new CrashTaskManager(0, 3, null, 4L));
        }

        @Test
        void refusesATaskManagerThatDoesNotExist() {
            assertRefused("crash-task-manager: {task-manager: 2, task-managers: 2, at-time: 100}",
                    "key 'faults[0].crash-task-manager.task-manager': task manager 2 does not exist among 2"
                            + " (task managers are 0..1)");
        }

        @Test
        void refusesNoTaskManagers() {
            assertRefused("crash-task-manager: {task-manager: 0, task-managers: 0, at-time: 100}",
                    "key 'faults[0].crash-task-manager.task-managers': must be at least 1, got 0");
        }

        @Test
        void needsTheNumberOfTaskManagers() {
            assertRefused("crash-task-manager: {task-manager: 0, at-time: 100}",
                    "key 'faults[0].crash-task-manager.task-managers': missing (required)");
        }

        @Test
        void refusesARecordPosition() {
            assertRefused("crash-task-manager: {task-manager: 0, task-managers: 2, at-record: 100}",
                    "key 'faults[0].crash-task-manager.at-record': unknown key (known keys:"
                            + " task-manager, task-managers, at-time, at-checkpoint)");
        }
    }

    @Nested
    class CrashCoordinatorFaults {

        @ParameterizedTest
        @CsvSource({"after-metadata, AFTER_METADATA", "before-notify, BEFORE_NOTIFY"})
        void readsEachPhase(String text, CoordinatorPhase phase) {
            assertThat(fault("crash-coordinator: {at-checkpoint: 2, phase: " + text + "}"))
                    .isEqualTo(new CrashCoordinator(2, phase));
        }

        @Test
        void needsAPhase() {
            assertRefused("crash-coordinator: {at-checkpoint: 2}",
                    "key 'faults[0].crash-coordinator.phase': missing (required; one of after-metadata, before-notify)");
        }

        @Test
        void needsACheckpoint() {
            assertRefused("crash-coordinator: {phase: before-notify}",
                    "key 'faults[0].crash-coordinator.at-checkpoint': missing (required)");
        }

        @Test
        void needsCheckpointing() {
            assertRefused(WITHOUT_CHECKPOINTS, "crash-coordinator: {at-checkpoint: 2, phase: before-notify}",
                    "key 'faults[0].crash-coordinator.at-checkpoint': checkpointing is off, so checkpoint 2 never"
                            + " happens; set config 'execution.checkpointing.interval'");
        }
    }

    @Nested
    class StorageFaults {

        @ParameterizedTest
        @CsvSource({"fail-write, FAIL_WRITE", "corrupt-data, CORRUPT_DATA", "delete-data, DELETE_DATA",
                "corrupt-metadata, CORRUPT_METADATA", "delete-metadata, DELETE_METADATA"})
        void readsEachKindWithoutDelay(String text, StorageKind kind) {
            assertThat(fault("storage: {kind: " + text + ", at-checkpoint: 2}"))
                    .isEqualTo(new StorageFault(kind, 2, null, null));
        }

        @Test
        void readsASlowWriteWithItsDelayInMillisecondsOrAsADuration() {
            assertThat(fault("storage: {kind: slow-write, at-checkpoint: 2, delay: 5000}"))
                    .isEqualTo(new StorageFault(StorageKind.SLOW_WRITE, 2, null, 5000L));
            assertThat(fault("storage: {kind: slow-write, at-checkpoint: 2, delay: 5 s}"))
                    .isEqualTo(new StorageFault(StorageKind.SLOW_WRITE, 2, null, 5000L));
        }

        @Test
        void readsTheOperatorOfAWriteFault() {
            assertThat(fault("storage: {kind: fail-write, at-checkpoint: 3, operator: counter}"))
                    .isEqualTo(new StorageFault(StorageKind.FAIL_WRITE, 3, "counter", null));
        }

        @Test
        void readsTheOperatorAndSubtaskOfAnyStorageFault() {
            assertThat(fault("storage: {kind: corrupt-data, at-checkpoint: 2, operator: counter, subtask: 1}"))
                    .isEqualTo(new StorageFault(StorageKind.CORRUPT_DATA, 2, "counter", 1, null));
            assertThat(fault("storage: {kind: fail-write, at-checkpoint: 2, operator: counter, subtask: 0}"))
                    .isEqualTo(new StorageFault(StorageKind.FAIL_WRITE, 2, "counter", 0, null));
        }

        @Test
        void refusesASubtaskWithoutItsOperator() {
            assertRefused("storage: {kind: fail-write, at-checkpoint: 2, subtask: 1}",
                    "key 'faults[0].storage.subtask': needs an operator: name whose subtask's state is hit"
                            + " (operator: sum, subtask: 1)");
        }

        @Test
        void needsTheDelayOfASlowWrite() {
            assertRefused("storage: {kind: slow-write, at-checkpoint: 2}",
                    "key 'faults[0].storage.delay': missing (required for slow-write: how much longer the write"
                            + " takes, e.g. '5 s')");
        }

        @Test
        void refusesADelayForAnyOtherKind() {
            assertRefused("storage: {kind: fail-write, at-checkpoint: 2, delay: 10}",
                    "key 'faults[0].storage.delay': applies only to slow-write, not to fail-write");
        }

        @Test
        void refusesADelayThatIsNotADuration() {
            assertRefused("storage: {kind: slow-write, at-checkpoint: 2, delay: 5 weeks}",
                    "key 'faults[0].storage.delay': unknown time unit 'weeks' (use ms, s, min, h or d), got '5 weeks'");
            assertRefused("storage: {kind: slow-write, at-checkpoint: 2, delay: 0}",
                    "key 'faults[0].storage.delay': must be at least 1 ms, got '0'");
            assertRefused("storage: {kind: slow-write, at-checkpoint: 2, delay: 500 us}",
                    "key 'faults[0].storage.delay': must be a whole number of milliseconds, got '500 us'");
        }

        @Test
        void refusesAnUnknownKindListingTheKinds() {
            assertRefused("storage: {kind: lose-data, at-checkpoint: 2}",
                    "key 'faults[0].storage.kind': expected one of fail-write, slow-write, corrupt-data, delete-data,"
                            + " corrupt-metadata, delete-metadata, got 'lose-data'");
        }

        @Test
        void needsCheckpointing() {
            assertRefused(WITHOUT_CHECKPOINTS, "storage: {kind: fail-write, at-checkpoint: 1}",
                    "key 'faults[0].storage.at-checkpoint': checkpointing is off, so checkpoint 1 never happens;"
                            + " set config 'execution.checkpointing.interval'");
        }
    }

    @Nested
    class NetworkFaults {

        @Test
        void readsADelayAndAStall() {
            assertThat(fault("network: {kind: delay, from: source, to: counter, at-time: 0, delay: 20}"))
                    .isEqualTo(new NetworkFault(NetworkKind.DELAY, "source", "counter", 0, 20L));
            assertThat(fault("network: {kind: stall, from: tokenizer, to: counter, at-time: 1 s, delay: 250 ms}"))
                    .isEqualTo(new NetworkFault(NetworkKind.STALL, "tokenizer", "counter", 1000, 250L));
        }

        @Test
        void readsTheModelBreakingKindsWithoutDelay() {
            NetworkFault drop = (NetworkFault) fault("network: {kind: drop, from: source, to: counter, at-time: 5}");
            assertThat(drop).isEqualTo(new NetworkFault(NetworkKind.DROP, "source", "counter", 5, null));
            assertThat(drop.breaksModel()).isTrue();
            assertThat(fault("network: {kind: reorder, from: source, to: counter, at-time: 5}"))
                    .isEqualTo(new NetworkFault(NetworkKind.REORDER, "source", "counter", 5, null));
        }

        @Test
        void startsAtTimeZeroUnlessTold() {
            assertThat(fault("network: {kind: drop, from: source, to: counter}"))
                    .isEqualTo(new NetworkFault(NetworkKind.DROP, "source", "counter", 0, null));
        }

        @Test
        void needsTheDelayOfADelayOrStall() {
            assertRefused("network: {kind: stall, from: source, to: counter, at-time: 0}",
                    "key 'faults[0].network.delay': missing (required for stall: how long nothing is delivered,"
                            + " e.g. '20 ms')");
        }

        @Test
        void refusesADelayForADrop() {
            assertRefused("network: {kind: drop, from: source, to: counter, delay: 20}",
                    "key 'faults[0].network.delay': applies only to delay and stall, not to drop");
        }

        @Test
        void refusesAChannelFromAnOperatorToItself() {
            assertRefused("network: {kind: delay, from: counter, to: counter, delay: 20}",
                    "key 'faults[0].network.to': 'from' and 'to' are both 'counter'; a channel joins two different"
                            + " operators");
        }

        @Test
        void needsBothEnds() {
            assertRefused("network: {kind: delay, from: source, delay: 20}", "key 'faults[0].network.to': missing (required)");
        }

        @Test
        void doesNotNeedCheckpointing() {
            assertThat(parser.parse(WITHOUT_CHECKPOINTS + "  - network: {kind: delay, from: a, to: b, delay: 1}\n", FILE)
                    .faults()).hasSize(1);
        }
    }

    @Nested
    class SinkCommitFailures {

        @Test
        void areRead() {
            assertThat(fault("sink-commit-fails: {operator: sink, subtask: 0, at-checkpoint: 2}"))
                    .isEqualTo(new SinkCommitFails("sink", 0, 2));
        }

        @Test
        void refuseASubtaskBeyondTheParallelism() {
            assertRefused("sink-commit-fails: {operator: sink, subtask: 5, at-checkpoint: 2}",
                    "key 'faults[0].sink-commit-fails.subtask': subtask 5 does not exist at parallelism 2"
                            + " (subtasks are 0..1)");
        }

        @Test
        void needACheckpoint() {
            assertRefused("sink-commit-fails: {operator: sink, subtask: 0}",
                    "key 'faults[0].sink-commit-fails.at-checkpoint': missing (required)");
        }
    }

    @Nested
    class RandomItems {

        @Test
        void drawOnlyFaultsACorrectlyConfiguredJobSurvivesUnlessTold() {
            assertThat(fault("random: {count: 3}")).isEqualTo(new RandomFaults(3, RandomFaults.DEFAULT_KINDS));
            assertThat(RandomFaults.DEFAULT_KINDS).doesNotContain("network.drop", "network.reorder",
                    "storage.corrupt-data", "storage.delete-data", "storage.corrupt-metadata", "storage.delete-metadata");
            assertThat(RandomFaults.DEFAULT_KINDS).contains("crash", "storage.fail-write", "storage.slow-write");
        }

        @Test
        void drawStorageDamageOnlyWhenAskedFor() {
            assertThat(((RandomFaults) fault("random: {count: 1, kinds: [storage]}")).kinds())
                    .containsExactly("storage.fail-write", "storage.slow-write");
            assertThat(((RandomFaults) fault("random: {count: 1, kinds: [storage.damage]}")).kinds())
                    .containsExactly("storage.corrupt-data", "storage.delete-data", "storage.corrupt-metadata",
                            "storage.delete-metadata");
            assertThat(((RandomFaults) fault("random: {count: 1, kinds: [storage.delete-data]}")).kinds())
                    .containsExactly("storage.delete-data");
        }

        @Test
        void expandATypeToItsSafeKindsAndKeepNamedModelBreakingOnes() {
            RandomFaults random = (RandomFaults) fault("random: {count: 2, kinds: [network, crash, network.drop]}");
            assertThat(random.kinds()).containsExactly("crash", "network.delay", "network.stall", "network.drop");
        }

        @Test
        void refuseAnUnknownKindWithTheClosestOne() {
            assertThatThrownBy(() -> fault("random: {count: 2, kinds: [crash, storage.fail-wirte]}"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(FILE + ": key 'faults[0].random.kinds[1]': unknown fault kind"
                            + " 'storage.fail-wirte'; did you mean 'storage.fail-write'? (known kinds: crash, ");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 1001})
        void refuseACountOutOfRange(int count) {
            assertRefused("random: {count: " + count + "}",
                    "key 'faults[0].random.count': must be between 1 and 1000, got " + count);
        }

        @Test
        void needACount() {
            assertRefused("random: {kinds: [crash]}", "key 'faults[0].random.count': missing (required)");
        }

        @Test
        void refuseAnEmptyListOfKinds() {
            assertRefused("random: {count: 1, kinds: []}",
                    "key 'faults[0].random.kinds': must name at least one kind; leave 'kinds' out to draw from every"
                            + " safe kind");
        }

        @Test
        void refuseOnlyCheckpointKindsWithoutCheckpointing() {
            assertRefused(WITHOUT_CHECKPOINTS, "random: {count: 1, kinds: [storage, crash-coordinator]}",
                    "key 'faults[0].random.kinds': checkpointing is off, and every kind listed needs a checkpoint;"
                            + " set config 'execution.checkpointing.interval' or add a crash kind");
        }
    }

    @Nested
    class OptionalFaults {

        @Test
        void areMarkedOnAnyKindAndInjectedAsTheFaultTheyWrap() {
            FaultSpec crash = fault("crash: {operator: counter, subtask: 1, at-record: 40, optional: true}");
            assertThat(crash).isEqualTo(OptionalFault.marked(CrashFault.atRecord("counter", 1, 40)));
            assertThat(crash.planned()).isEqualTo(CrashFault.atRecord("counter", 1, 40));
            assertThat(crash.mustFire()).isFalse();
            assertThat(fault("cancel: {after-checkpoints: 3, optional: true}").mustFire()).isFalse();
        }

        @Test
        void mustFireUnlessMarked() {
            assertThat(fault("crash: {operator: counter, subtask: 1, at-record: 40}").mustFire()).isTrue();
            assertThat(fault("crash: {operator: counter, subtask: 1, at-record: 40, optional: false}"))
                    .isEqualTo(CrashFault.atRecord("counter", 1, 40));
        }

        @Test
        void refuseAValueOtherThanTrueOrFalse() {
            assertRefused("crash: {operator: counter, subtask: 1, at-record: 40, optional: maybe}",
                    "key 'faults[0].crash.optional': expected true or false, got 'maybe'");
        }

        @Test
        void refuseTheMarkOnARandomItem() {
            assertRefused("random: {count: 2, optional: true}",
                    "key 'faults[0].random.optional': does not apply to 'random': faults drawn from the seed are optional already");
        }

        @Test
        void keepTheirMarkWhenWrittenBackAsYaml() {
            FaultSpec crash = fault("crash-at: {operator: counter, subtask: 0, at-time: 30, optional: true}");
            assertThat(FaultPlans.toYaml(List.of(crash))).isEqualTo(
                    "faults:\n  - crash-at: {operator: counter, subtask: 0, at-time: 30, optional: true}\n");
            assertThat(fault(FaultPlans.describe(crash))).isEqualTo(crash);
        }
    }

    @Nested
    class PlanFiles {

        @Test
        void areReadAgainstTheirSimulation(@TempDir Path dir) throws IOException {
            SimulationSpec spec = parser.parse(WITH_CHECKPOINTS + "  - random: {count: 1}\n", FILE);
            Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                    faults:
                      - crash: {operator: counter, subtask: 1, at-record: 40}
                      - storage: {kind: fail-write, at-checkpoint: 2}
                    """);

            assertThat(parser.parseFaults(plan, spec)).containsExactly(CrashFault.atRecord("counter", 1, 40),
                    new StorageFault(StorageKind.FAIL_WRITE, 2, null, null));
        }

        @Test
        void mayBeABareList(@TempDir Path dir) throws IOException {
            SimulationSpec spec = parser.parse(WITH_CHECKPOINTS, FILE);
            Path plan = Files.writeString(dir.resolve("plan.yaml"), "- crash: {operator: counter, subtask: 0, at-record: 1}\n");

            assertThat(parser.parseFaults(plan, spec)).containsExactly(CrashFault.atRecord("counter", 0, 1));
        }

        @Test
        void refuseFaultsTheSimulationCannotHave(@TempDir Path dir) throws IOException {
            SimulationSpec spec = parser.parse(WITHOUT_CHECKPOINTS, FILE);
            Path plan = Files.writeString(dir.resolve("plan.yaml"), "faults:\n  - crash: {operator: counter, subtask: 3,"
                    + " at-record: 1}\n");

            assertThatThrownBy(() -> parser.parseFaults(plan, spec)).isInstanceOf(InvalidInputException.class)
                    .hasMessage(plan + ": key 'faults[0].crash.subtask': subtask 3 does not exist at parallelism 2"
                            + " (subtasks are 0..1)");
        }

        @Test
        void refuseOtherKeys(@TempDir Path dir) throws IOException {
            SimulationSpec spec = parser.parse(WITH_CHECKPOINTS, FILE);
            Path plan = Files.writeString(dir.resolve("plan.yaml"), "job: wordcount\n");

            assertThatThrownBy(() -> parser.parseFaults(plan, spec)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(plan + ": key 'job': unknown key");
        }
    }

    @Test
    void everyKindOfTheCatalogueHasAReaderAndReadsBackFromItsYaml() {
        SimulationSpec spec = parser.parse(WITH_CHECKPOINTS + """
                  - crash: {operator: counter, subtask: 1, at-record: 4000}
                  - crash-at: {operator: counter, subtask: 0, at-checkpoint: 3, phase: after-snapshot}
                  - crash-operator: {operator: counter, at-record: 2000}
                  - crash-task-manager: {task-manager: 1, task-managers: 2, at-time: 100}
                  - crash-coordinator: {at-checkpoint: 2, phase: after-metadata}
                  - storage: {kind: corrupt-metadata, at-checkpoint: 2}
                  - network: {kind: delay, from: source, to: counter, at-time: 0, delay: 20}
                  - sink-commit-fails: {operator: sink, subtask: 0, at-checkpoint: 2}
                  - random: {count: 3}
                """, FILE);

        assertThat(spec.faults()).extracting(FaultSpec::type).containsExactly("crash", "crash-at", "crash-operator",
                "crash-task-manager", "crash-coordinator", "storage", "network", "sink-commit-fails", "random");
        String rewritten = WITH_CHECKPOINTS.replace("faults:\n", "") + FaultPlans.toYaml(spec.faults());
        assertThat(parser.parse(rewritten, FILE).faults()).isEqualTo(spec.faults());
    }
}
