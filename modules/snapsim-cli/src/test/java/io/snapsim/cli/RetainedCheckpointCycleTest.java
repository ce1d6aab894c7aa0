package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flink's retained-checkpoint test, on the command line: run with RETAIN_ON_CANCELLATION, cancel after
 * some checkpoints, find {@code {dir}/{job-id}/chk-*}{@code /_metadata}, resume with {@code run -s},
 * three times over, then let the last run finish: the output committed by all runs together must
 * equal one failure-free run. With DELETE_ON_CANCELLATION nothing is left after the cancel. Every
 * test runs on every state backend (hashmap, RocksDB with full and with incremental checkpoints): a
 * heap or full RocksDB checkpoint is self-contained and can be moved, an incremental one references
 * {@code ../shared/} and is refused once moved, naming the shared file it misses; a missing state
 * file of each backend's own layout is named before anything runs. With incremental RocksDB
 * checkpoints the cancel-and-resume cycle runs in live execution too.
 */
class RetainedCheckpointCycleTest {
    @TempDir
    Path dir;

    private static String simulation(String name, TestBackend backend, String retention, boolean cancel) {
        return simulation(name, backend, "deterministic", retention, cancel);
    }

    private static String simulation(String name, TestBackend backend, String execution, String retention,
                                     boolean cancel) {
        // RocksDB is slower: in deterministic execution half the records still span about eight
        // checkpoints, room for three cancels; in live execution it keeps all of them for that
        int records = backend.rocksdb() && execution.equals("deterministic") ? 150_000 : 300_000;
        return """
                name: %s
                job: running-sum
                parameters: {records: %d, keys: 500}
                parallelism: 2
                seed: 4
                execution: %s
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.externalized-checkpoint-retention: %s
                """.formatted(name, records, execution, retention)
                + backend.configLines() + (cancel ? "faults:\n  - cancel: {after-checkpoints: 2}\n" : "");
    }

    /**
     * Every backend in deterministic execution, and RocksDB with incremental checkpoints in live
     * execution too (actors on real threads and time; on the heap a live job of this size ends before
     * three cancels).
     */
    static Stream<Arguments> backendsAndExecutions() {
        return Stream.concat(Stream.of(TestBackend.values()).map(backend -> Arguments.of(backend, "deterministic")),
                Stream.of(Arguments.of(TestBackend.ROCKSDB_INCREMENTAL, "live")));
    }

    private Path retainedMetadata(String simulation) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("reports").resolve(simulation))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .sorted((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified()))
                    .toList();
            assertThat(found).as("a retained chk-*/_metadata").isNotEmpty();
            return found.get(0);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndExecutions")
    void cancelResumeThreeTimesThenFinishEqualsOneFailureFreeRun(TestBackend backend, String execution) throws Exception {
        Files.writeString(dir.resolve("cycle.yaml"), simulation("cycle", backend, execution, "RETAIN_ON_CANCELLATION", true));
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", backend, execution, "RETAIN_ON_CANCELLATION",
                false));
        Cli cli = Cli.in(dir);

        Cli.Result first = cli.run("run", "cycle.yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("cancelled as planned");
        Path metadata = retainedMetadata("cycle");
        for (int round = 2; round <= 3; round++) {
            Cli.Result resumed = cli.run("run", "-s", metadata.toString(), "cycle.yaml", "--reports", "reports");
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("restoring checkpoint").contains("cancelled as planned");
            Path next = retainedMetadata("cycle");
            assertThat(next).isNotEqualTo(metadata);
            metadata = next;
        }
        // resume from the checkpoint's directory this time, as `flink run -s` also accepts
        Cli.Result last = cli.run("run", "-s", metadata.getParent().toString(), "finish.yaml", "--reports", "reports");

        assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
        assertThat(last.out()).contains("verdict:     VALID (expected equivalent): committed output and final state equal");
        assertThat(last.out()).contains("retained:    nothing");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void deleteOnCancellationLeavesNothingToResumeFrom(TestBackend backend) throws Exception {
        Files.writeString(dir.resolve("gone.yaml"), simulation("gone", backend, "DELETE_ON_CANCELLATION", true));
        Cli.Result run = Cli.in(dir).run("run", "gone.yaml", "--reports", "reports");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("retained:    nothing");
        try (Stream<Path> files = Files.walk(dir.resolve("reports").resolve("gone"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("_metadata")
                            || p.getParent().getFileName().toString().equals("shared"))
                    .filter(p -> !p.toString().contains("reference")).toList())
                    .as("no checkpoint metadata and no shared RocksDB file is left").isEmpty();
        }
    }

    private Path cancelledWithRetainedCheckpoint(String name, TestBackend backend, String extraConfig) throws Exception {
        Files.writeString(dir.resolve(name + ".yaml"), simulation(name, backend, "RETAIN_ON_CANCELLATION", true)
                .replace("config:\n", "config:\n" + extraConfig));
        Cli.Result first = Cli.in(dir).run("run", name + ".yaml", "--reports", "reports");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        return retainedMetadata(name);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void claimModeDeletesTheRestoredCheckpointOnceSubsumedAndNoClaimNeverTouchesIt(TestBackend backend) throws Exception {
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", backend, "NO_EXTERNALIZED_CHECKPOINTS", false));
        Path noClaim = cancelledWithRetainedCheckpoint("noclaim", backend, "");
        Cli.Result kept = Cli.in(dir).run("run", "-s", noClaim.toString(), "finish.yaml", "--reports", "reports");
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
        assertThat(noClaim).as("NO_CLAIM never modifies or deletes the restored checkpoint").exists();

        Path claim = cancelledWithRetainedCheckpoint("claim", backend, "");
        Cli.Result owned = Cli.in(dir).run("run", "-s", claim.toString(), "-D",
                "execution.state-recovery.claim-mode=CLAIM", "finish.yaml", "--reports", "reports");
        assertThat(owned.exitCode()).as(owned.out() + owned.err()).isZero();
        assertThat(claim.getParent()).as("CLAIM: the job owned the checkpoint and deleted it once subsumed")
                .doesNotExist();
    }

    /** The RocksDB handles of a checkpoint's keyed state, one per subtask. */
    private static List<IncrementalStateHandle> rocksDBHandles(Path metadata) {
        List<IncrementalStateHandle> handles = new ArrayList<>();
        for (OperatorStateSnapshot op : MetadataFormat.read(metadata).operators()) {
            for (SubtaskStateSnapshot subtask : op.subtasks()) {
                if (subtask.keyedState() instanceof StateHandle.Native nativeHandle) {
                    handles.add(IncrementalStateHandle.fromStateHandle(nativeHandle));
                }
            }
        }
        assertThat(handles).as("RocksDB keyed state in its native format").isNotEmpty();
        return handles;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void aMovedCheckpointResumesWhenSelfContainedAndIsRefusedNamingAMissingSharedFileWhenIncremental(
            TestBackend backend) throws Exception {
        Path metadata = cancelledWithRetainedCheckpoint("movable", backend, "");
        long checkpointId = MetadataFormat.read(metadata).checkpointId();
        Path moved = dir.resolve("elsewhere").resolve("chk-moved");
        Files.createDirectories(moved.getParent());
        Files.move(metadata.getParent(), moved);
        Files.writeString(dir.resolve("finish.yaml"), simulation("finish", backend, "NO_EXTERNALIZED_CHECKPOINTS", false));

        Cli.Result resumed = Cli.in(dir).run("run", "-s", moved.toString(), "finish.yaml", "--reports", "reports");

        if (!backend.incremental()) {
            // the verdict no longer finds the earlier run's output through a moved checkpoint (it counts
            // those records as lost), but the restored state must still end equal to the reference's
            assertThat(resumed.out()).as(resumed.err()).contains("restoring checkpoint").contains("status:      FINISHED")
                    .contains("final state equal");
            return;
        }
        // an incremental checkpoint references ../shared/, which stayed with the job's folder
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(2);
        assertThat(resumed.out()).doesNotContain("restoring checkpoint");
        Matcher named = Pattern.compile("RocksDB shared file (\\S+) of checkpoint " + checkpointId + " is missing")
                .matcher(resumed.err());
        assertThat(named.find()).as(resumed.err()).isTrue();
        Path missing = Path.of(named.group(1));
        assertThat(missing.getParent()).isEqualTo(dir.resolve("elsewhere").resolve("shared"));
        assertThat(rocksDBHandles(moved.resolve("_metadata"))).anySatisfy(h ->
                assertThat(h.sharedFileKeys()).contains(missing.getFileName().toString()));
        assertThat(metadata.getParent().getParent().resolve("shared").resolve(missing.getFileName()))
                .as("the shared file is still in the job's folder the checkpoint was moved out of").exists();
        assertThat(resumed.err()).doesNotContain("\tat ");
    }

    /**
     * A state file of the checkpoint in the backend's own layout: a heap checkpoint's keyed-state file
     * next to {@code _metadata}, a full RocksDB checkpoint's SST file under {@code chk-N/sum-0/}, or a
     * shared SST file in {@code shared/} that an incremental checkpoint references.
     */
    private static Path aStateFile(Path metadata, TestBackend backend) throws IOException {
        Path checkpoint = metadata.getParent();
        if (!backend.rocksdb()) {
            try (Stream<Path> files = Files.list(checkpoint)) {
                return files.filter(p -> p.getFileName().toString().endsWith("-keyed")).findFirst().orElseThrow();
            }
        }
        if (backend.incremental()) {
            IncrementalStateHandle handle = rocksDBHandles(metadata).get(0);
            assertThat(handle.sharedFiles()).isNotEmpty();
            return checkpoint.getParent().resolve("shared").resolve(handle.sharedFiles().get(0).sharedKey());
        }
        try (Stream<Path> files = Files.list(checkpoint.resolve("sum-0"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sst")).sorted().findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestBackend.class)
    void aMissingDataFileOrACorruptMetadataFileIsNamedAndNothingRuns(TestBackend backend) throws Exception {
        // heap state above a 1-byte inline threshold goes to files: the checkpoint is not self-contained
        Path metadata = cancelledWithRetainedCheckpoint("files", backend,
                "  execution.checkpointing.data-inline-threshold: 1 b\n");
        Path stateFile = aStateFile(metadata, backend);
        assertThat(stateFile).isRegularFile();
        Files.delete(stateFile);
        Cli.Result missing = Cli.in(dir).run("run", "-s", metadata.toString(), "files.yaml", "--reports", "reports");
        assertThat(missing.exitCode()).as(missing.out() + missing.err()).isEqualTo(2);
        assertThat(missing.out()).doesNotContain("restoring checkpoint");
        assertThat(missing.err()).contains(stateFile.toString()).contains("missing").doesNotContain("\tat ");

        byte[] bytes = Files.readAllBytes(metadata);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(metadata, bytes);
        Cli.Result corrupt = Cli.in(dir).run("run", "-s", metadata.toString(), "files.yaml", "--reports", "reports");
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err()).contains(metadata.toString()).contains("corrupt").doesNotContain("\tat ");
    }
}
