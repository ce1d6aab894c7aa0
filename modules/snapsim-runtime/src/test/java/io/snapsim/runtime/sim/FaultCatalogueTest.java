package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.Faults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.runtime.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of fault in the catalogue, run deterministically on the running sum: the faults the
 * model tolerates must leave the result equal to a failure-free run; damaged checkpoints must be
 * detected on restore; the model-breaking network faults must make the verdict report a divergence.
 * Every test runs with the state on the heap ({@code hashmap}) and in RocksDB with incremental
 * checkpoints, where a damaged state file is one of the RocksDB files under
 * {@code chk-N/{uid}-{subtask}/}, detected on restore by its size or checksum. Virtual time does not
 * depend on the backend, so the faults strike at the same virtual times on both; RocksDB, slower in
 * wall-clock time, runs two thirds of the records, which still reach every checkpoint and time the
 * faults name.
 */
class FaultCatalogueTest {
    @TempDir
    Path temp;

    private final List<String> console = new ArrayList<>();

    static Stream<TestBackend> backends() {
        return Stream.of(TestBackend.HASHMAP, TestBackend.ROCKSDB_INCREMENTAL);
    }

    private SimulationResult run(TestBackend backend, String name, List<FaultSpec> faults, Expectation expect,
                                 Map<String, String> extra) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(Map.of(
                "execution.checkpointing.interval", "20 ms",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "5",
                "restart-strategy.fixed-delay.delay", "5 ms"));
        keys.putAll(extra);
        keys.putAll(backend.keys());
        int records = backend.rocksdb() ? 200_000 : 300_000;
        SimulationSpec spec = new SimulationSpec(name, "", temp.resolve(name + ".yaml"), "running-sum",
                Map.of("records", records, "keys", 500), 2, 42, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                expect, Configuration.fromMap(keys, name), faults);
        return new SimulationRunner(temp.resolve("reports"), console::add).run(spec, spec.config(), "run");
    }

    private SimulationResult runEquivalent(TestBackend backend, String name, FaultSpec... faults) throws Exception {
        return run(backend, name, List.of(faults), Expectation.EQUIVALENT, Map.of());
    }

    private static void assertValidAfterRestart(SimulationResult r) {
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(r.run().restarts()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void crashesAtEachCheckpointPhaseRecover(TestBackend backend) throws Exception {
        for (Faults.CheckpointPhase phase : Faults.CheckpointPhase.values()) {
            SimulationResult r = runEquivalent(backend, "phase-" + phase, new Faults.CrashAt("sum", 1, 3L, phase, null));
            assertValidAfterRestart(r);
            assertThat(r.run().counts().restored()).as("phase %s restores a checkpoint", phase).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void crashAtATimeOfEveryOperatorSubtaskAndOfATaskManagerRecover(TestBackend backend) throws Exception {
        assertValidAfterRestart(runEquivalent(backend, "at-time", new Faults.CrashAt("sum", 0, null, null, 60L)));
        assertValidAfterRestart(runEquivalent(backend, "operator", new Faults.CrashOperator("sum", 20_000L, null, null)));
        assertValidAfterRestart(runEquivalent(backend, "task-manager", new Faults.CrashTaskManager(1, 2, 50L, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aCrashedCoordinatorRecoversItsCompletedCheckpointsFromTheJournal(TestBackend backend) throws Exception {
        for (Faults.CoordinatorPhase phase : Faults.CoordinatorPhase.values()) {
            SimulationResult r = runEquivalent(backend, "coordinator-" + phase, new Faults.CrashCoordinator(3, phase));
            assertValidAfterRestart(r);
            List<HistoryEvent> history = HistoryReader.read(r.runDir().resolve("history.jsonl"));
            assertThat(history).anyMatch(JobEvents.CoordinatorCrashed.class::isInstance);
            long expected = phase == Faults.CoordinatorPhase.AFTER_METADATA ? 2 : 3;
            assertThat(history).as("restored from the checkpoint the journal knows").anyMatch(e ->
                    e instanceof JobEvents.Deployed d && d.checkpoint() != null && d.checkpoint() == expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void failedAndSlowStateWritesFailCheckpointsWithoutHarm(TestBackend backend) throws Exception {
        SimulationResult failed = run(backend, "fail-write", List.of(new Faults.StorageFault(Faults.StorageKind.FAIL_WRITE, 2, "sum", null),
                CrashFault.atCheckpoint("sum", 0, 4)), Expectation.EQUIVALENT, Map.of("execution.checkpointing.tolerable-failed-checkpoints", "1"));
        assertThat(failed.verdict().outcome()).as(failed.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(failed.run().counts().failed()).isGreaterThanOrEqualTo(2);

        SimulationResult slow = run(backend, "slow-write", List.of(new Faults.StorageFault(Faults.StorageKind.SLOW_WRITE, 2, "sum", 500L)),
                Expectation.EQUIVALENT, Map.of("execution.checkpointing.timeout", "100 ms",
                        "execution.checkpointing.tolerable-failed-checkpoints", "3"));
        assertThat(slow.verdict().outcome()).as(slow.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(slow.run().checkpointHistory()).anyMatch(s -> s.checkpointId() == 2
                && s.failureReason() == io.snapsim.core.checkpoint.CheckpointFailureReason.EXPIRED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aDamagedLatestCheckpointIsDetectedAndTheNewestIntactOneRestored(TestBackend backend) throws Exception {
        for (Faults.StorageKind kind : List.of(Faults.StorageKind.CORRUPT_METADATA, Faults.StorageKind.DELETE_METADATA)) {
            SimulationResult r = run(backend, "damaged-" + kind, List.of(new Faults.StorageFault(kind, 3, null, null)),
                    Expectation.EQUIVALENT, Map.of("execution.checkpointing.num-retained", "2"));
            assertValidAfterRestart(r);
            List<HistoryEvent> history = HistoryReader.read(r.runDir().resolve("history.jsonl"));
            assertThat(history).anyMatch(e -> e instanceof JobEvents.CheckpointDamaged d && d.checkpoint() == 3);
            assertThat(history).anyMatch(e -> e instanceof JobEvents.Deployed d && Long.valueOf(2).equals(d.checkpoint()));
        }
    }

    static Stream<Arguments> stateFileDamage() {
        return backends().flatMap(backend -> Stream.of(Faults.StorageKind.CORRUPT_DATA, Faults.StorageKind.DELETE_DATA)
                .map(kind -> Arguments.of(backend, kind)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stateFileDamage")
    void aDamagedStateFileOfTheLatestCheckpointIsDetectedByItsSizeOrChecksumAndTheNewestIntactOneRestored(
            TestBackend backend, Faults.StorageKind kind) throws Exception {
        // heap state above a 1-byte inline threshold goes to files; RocksDB state always does, and with
        // the default threshold the first file in chk-3/ is then one of its files in chk-3/sum-0/
        Map<String, String> keys = new LinkedHashMap<>(Map.of("execution.checkpointing.num-retained", "2"));
        if (!backend.rocksdb()) {
            keys.put("execution.checkpointing.data-inline-threshold", "1 b");
        }
        SimulationResult r = run(backend, "damaged-" + kind, List.of(new Faults.StorageFault(kind, 3, null, null)),
                Expectation.EQUIVALENT, keys);

        assertValidAfterRestart(r);
        List<HistoryEvent> history = HistoryReader.read(r.runDir().resolve("history.jsonl"));
        assertThat(history).as("the fault damaged a state file, not _metadata").anyMatch(e ->
                e instanceof FaultInjected f && f.detail().contains(" state file ")
                        && f.detail().contains("of completed checkpoint 3"));
        String detected = kind == Faults.StorageKind.DELETE_DATA ? "missing" : "corrupt";
        assertThat(history).as("the restore detects the damaged file (%s)", detected).anyMatch(e ->
                e instanceof JobEvents.CheckpointDamaged d && d.checkpoint() == 3 && d.reason().contains(detected)
                        && (!backend.rocksdb() || d.reason().contains("RocksDB file")));
        assertThat(history).anyMatch(e -> e instanceof JobEvents.Deployed d && Long.valueOf(2).equals(d.checkpoint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void withNoIntactCheckpointTheJobFailsCleanlyAsAnExpectedUnrecoverableOutcome(TestBackend backend) throws Exception {
        SimulationResult r = runEquivalent(backend, "no-intact", new Faults.StorageFault(Faults.StorageKind.CORRUPT_METADATA, 3, null, null));
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(Outcome.UNRECOVERABLE);
        assertThat(r.verdict().reason()).contains("the job failed cleanly with nothing intact to restore from")
                .contains("all of them consistent");
        assertThat(r.run().status()).isEqualTo(JobStatus.FAILED);
        assertThat(r.run().failureMessage()).contains("no intact retained checkpoint").contains("checkpoint 3 is damaged")
                .contains("_metadata");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aSinkCommitThatFailsOnceIsRetriedAndStaysIdempotent(TestBackend backend) throws Exception {
        assertValidAfterRestart(runEquivalent(backend, "commit-fails", new Faults.SinkCommitFails("sink", 1, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void delayedAndStalledChannelsStretchAlignmentButKeepTheResult(TestBackend backend) throws Exception {
        SimulationResult delayed = runEquivalent(backend, "delay", new Faults.NetworkFault(Faults.NetworkKind.DELAY, "source", "sum", 10, 15L));
        assertThat(delayed.verdict().outcome()).as(delayed.verdict().reason()).isEqualTo(Outcome.VALID);
        SimulationResult stalled = runEquivalent(backend, "stall", new Faults.NetworkFault(Faults.NetworkKind.STALL, "source", "sum", 10, 80L),
                CrashFault.atCheckpoint("sum", 0, 5));
        assertThat(stalled.verdict().outcome()).as(stalled.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(stalled.run().restarts()).as("the crash at checkpoint 5 fired").isEqualTo(1);
        long longest = stalled.run().checkpointHistory().stream()
                .mapToLong(io.snapsim.core.checkpoint.CheckpointStats::endToEndDurationMs).max().orElse(0);
        assertThat(longest).as("a checkpoint waits for the stalled channel's barriers").isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void droppingOrReorderingMessagesBreaksTheModelAndTheVerdictSaysSo(TestBackend backend) throws Exception {
        for (Faults.NetworkKind kind : List.of(Faults.NetworkKind.DROP, Faults.NetworkKind.REORDER)) {
            SimulationResult equivalent = runEquivalent(backend, "broken-" + kind,
                    new Faults.NetworkFault(kind, "source", "sum", 5, null));
            assertThat(equivalent.verdict().outcome()).as("%s: %s", kind, equivalent.verdict().reason())
                    .isEqualTo(Outcome.INVALID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aPlannedCancelLeavesTheLatestCheckpointOnlyWhenRetentionKeepsIt(TestBackend backend) throws Exception {
        SimulationResult retained = run(backend, "cancel-retain", List.of(new Faults.Cancel(3L, null)), Expectation.EQUIVALENT,
                Map.of("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"));
        assertThat(retained.verdict().outcome()).as(retained.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(retained.run().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(retained.run().counts().completed()).isEqualTo(3);
        assertThat(retained.record().retainedMetadata()).endsWith(Path.of("chk-3", "_metadata")).exists();

        SimulationResult deleted = run(backend, "cancel-default", List.of(new Faults.Cancel(3L, null)), Expectation.EQUIVALENT,
                Map.of());
        assertThat(deleted.verdict().outcome()).isEqualTo(Outcome.VALID);
        assertThat(deleted.record().retainedMetadata()).isNull();
        try (var files = Files.walk(deleted.runDir().resolve("checkpoints"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("_metadata")
                    || p.getParent().getFileName().toString().equals("shared")).toList())
                    .as("no checkpoint metadata and no shared RocksDB file is left").isEmpty();
        }
    }
}
