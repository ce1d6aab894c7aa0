package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.job.RestoreCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB checkpoints on the command line, checked on disk: incremental checkpoints upload SST
 * files once into {@code shared/} and reference them afterwards; {@code shared/} holds exactly
 * what the retained checkpoints reference, also after a failover, NO_CLAIM and CLAIM; the sizes
 * show the delta and the full size; a checkpoint restores only into the backend that took it,
 * while savepoints move state between backends; a damaged shared file is named before anything runs.
 */
class RocksDBCheckpointsTest {
    @TempDir
    Path dir;

    private static String simulation(String name, String backend, boolean incremental, String faults) {
        return """
                name: %s
                job: running-sum
                parameters: {records: 300000, keys: 3000}
                parallelism: 2
                seed: 4
                execution: deterministic
                sink: transactional
                expect: equivalent
                config:
                  state.backend.type: %s
                  execution.checkpointing.incremental: %s
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.num-retained: 2
                  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.delay: 5 ms
                """.formatted(name, backend, incremental) + (faults.isEmpty() ? "" : "faults:\n" + faults);
    }

    private static final String CRASH_THEN_CANCEL = """
              - crash: {operator: sum, subtask: 1, at-record: 60000}
              - cancel: {after-checkpoints: 8}
            """;

    private Cli.Result run(String name, String yaml, String... extra) throws IOException {
        Files.writeString(dir.resolve(name + ".yaml"), yaml);
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(extra));
        args.addAll(List.of(name + ".yaml", "--reports", "reports"));
        return Cli.in(dir).run(args.toArray(String[]::new));
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("verdict:     VALID");
        return result;
    }

    /** The retained checkpoint the summary names. */
    private static Path retained(Cli.Result result) {
        Matcher m = Pattern.compile("retained:    (\\S+/chk-\\d+/_metadata)").matcher(result.out());
        assertThat(m.find()).as("a retained checkpoint: " + result.out()).isTrue();
        return Path.of(m.group(1));
    }

    private static List<Path> checkpointFolders(Path jobDirectory) throws IOException {
        try (Stream<Path> folders = Files.list(jobDirectory)) {
            return folders.filter(p -> p.getFileName().toString().startsWith("chk-")).sorted().toList();
        }
    }

    private static List<IncrementalStateHandle> handles(CheckpointMetadata metadata) {
        List<IncrementalStateHandle> handles = new ArrayList<>();
        for (OperatorStateSnapshot op : metadata.operators()) {
            for (SubtaskStateSnapshot subtask : op.subtasks()) {
                if (subtask.keyedState() instanceof StateHandle.Native nativeHandle) {
                    handles.add(IncrementalStateHandle.fromStateHandle(nativeHandle));
                }
            }
        }
        return handles;
    }

    private static SortedSet<String> referencedSharedFiles(Path jobDirectory) throws IOException {
        SortedSet<String> keys = new TreeSet<>();
        for (Path chk : checkpointFolders(jobDirectory)) {
            for (IncrementalStateHandle handle : handles(MetadataFormat.read(chk.resolve("_metadata")))) {
                keys.addAll(handle.sharedFileKeys());
            }
        }
        return keys;
    }

    private static SortedSet<String> sharedFilesOnDisk(Path jobDirectory) throws IOException {
        Path shared = jobDirectory.resolve("shared");
        if (!Files.isDirectory(shared)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(shared)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Completed checkpoints of a run's summary.json: id to {checkpointedSize, stateSize}. */
    private static Map<Long, long[]> sizes(Cli.Result result) throws IOException {
        Matcher m = Pattern.compile("report:      (\\S+)index\\.html").matcher(result.out());
        assertThat(m.find()).isTrue();
        JsonNode summary = new ObjectMapper().readTree(Path.of(m.group(1)).resolve("summary.json").toFile());
        Map<Long, long[]> sizes = new TreeMap<>();
        for (JsonNode row : summary.get("run").get("checkpoints")) {
            if (row.get("status").asText().equals("COMPLETED")) {
                sizes.put(row.get("id").asLong(), new long[] {row.get("checkpointedSize").asLong(),
                        row.get("stateSize").asLong()});
            }
        }
        return sizes;
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Long.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    @Test
    void incrementalCheckpointsReuseSharedFilesAndSharedHoldsExactlyWhatRetainedCheckpointsReference() throws Exception {
        Cli.Result result = ok(run("inc", simulation("inc", "rocksdb", true, CRASH_THEN_CANCEL)));
        assertThat(result.out()).contains("restoring checkpoint").contains("cancelled as planned");
        Path jobDirectory = retained(result).getParent().getParent();

        List<Path> checkpoints = checkpointFolders(jobDirectory);
        assertThat(checkpoints).as("num-retained 2").hasSize(2);
        assertThat(sharedFilesOnDisk(jobDirectory)).isNotEmpty().isEqualTo(referencedSharedFiles(jobDirectory));
        CheckpointMetadata newest = RestoreCheck.verifyIntact(checkpoints.get(1).resolve("_metadata"));
        assertThat(handles(newest)).hasSize(2).allSatisfy(h -> assertThat(h.sharedFiles())
                .as("the newest checkpoint references files an earlier one uploaded")
                .anyMatch(f -> f.uploadedBy() < h.checkpointId()));
        assertThat(newest.checkpointedSize()).isLessThan(newest.stateSize());
        assertThat(sizes(result).values()).as("some checkpoint wrote less than its full size")
                .anyMatch(s -> s[0] < s[1]);
        assertThat(result.out()).contains("checkpointed  full size");
    }

    @Test
    void fullRocksDBCheckpointsCopyTheDatabaseIntoTheCheckpointFolderAndShareNothing() throws Exception {
        Cli.Result result = ok(run("full", simulation("full", "rocksdb", false, CRASH_THEN_CANCEL)));
        Path jobDirectory = retained(result).getParent().getParent();

        assertThat(sharedFilesOnDisk(jobDirectory)).isEmpty();
        for (Path chk : checkpointFolders(jobDirectory)) {
            assertThat(handles(MetadataFormat.read(chk.resolve("_metadata")))).hasSize(2)
                    .allSatisfy(h -> assertThat(h.privateFiles()).anyMatch(f -> f.name().endsWith(".sst")));
        }
        assertThat(sizes(result).values()).allMatch(s -> s[0] == s[1]);
    }

    @Test
    void noClaimNeverTouchesTheResumedFolderAndItsFirstCheckpointUploadsEverything() throws Exception {
        Path metadata = retained(ok(run("inc", simulation("inc", "rocksdb", true, CRASH_THEN_CANCEL))));
        Path oldJob = metadata.getParent().getParent();
        Map<String, String> before = tree(oldJob);

        Cli.Result resumed = ok(run("finish", simulation("finish", "rocksdb", true, ""), "-s", metadata.toString()));

        assertThat(resumed.out()).contains("restoring checkpoint");
        assertThat(tree(oldJob)).as("NO_CLAIM: the old job's folder is unchanged").isEqualTo(before);
        long[] first = sizes(resumed).values().iterator().next();
        assertThat(first[0]).as("the first checkpoint after a NO_CLAIM restore is full").isEqualTo(first[1]);
    }

    @Test
    void claimDeletesTheClaimedCheckpointAndOnlyTheSharedFilesNoOtherRetainedCheckpointNeeds() throws Exception {
        Path metadata = retained(ok(run("inc", simulation("inc", "rocksdb", true, CRASH_THEN_CANCEL))));
        Path oldJob = metadata.getParent().getParent();
        Path older = checkpointFolders(oldJob).get(0);
        assertThat(older).isNotEqualTo(metadata.getParent());

        ok(run("finish", simulation("finish", "rocksdb", true, ""), "-s", metadata.toString(),
                "-D", "execution.state-recovery.claim-mode=CLAIM"));

        assertThat(metadata.getParent()).as("the claimed checkpoint was deleted once subsumed").doesNotExist();
        assertThat(sharedFilesOnDisk(oldJob)).as("only what the other retained checkpoint references is left")
                .isEqualTo(referencedSharedFiles(oldJob)).isNotEmpty();
        RestoreCheck.verifyIntact(older.resolve("_metadata")); // the other retained checkpoint is still whole
    }

    @Test
    void aCheckpointRestoresOnlyIntoTheBackendThatTookIt() throws Exception {
        Path rocks = retained(ok(run("rocks", simulation("rocks", "rocksdb", true, CRASH_THEN_CANCEL))));
        Cli.Result refused = run("heap-finish", simulation("heap-finish", "hashmap", false, ""), "-s", rocks.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(rocks.toString()).contains("holds RocksDB state in its native format")
                .contains("the job uses the hashmap state backend").contains("savepoint").doesNotContain("\tat ");

        Path heap = retained(ok(run("heap", simulation("heap", "hashmap", false, CRASH_THEN_CANCEL))));
        Cli.Result refusedToo = run("rocks-finish", simulation("rocks-finish", "rocksdb", true, ""), "-s", heap.toString());
        assertThat(refusedToo.exitCode()).isEqualTo(2);
        assertThat(refusedToo.err()).contains("holds heap (hashmap) state, but the job uses the rocksdb state backend");
    }

    private static String savepointOf(Cli.Result result) {
        Matcher m = Pattern.compile("savepoint \\d+ completed: (\\S+/_metadata)").matcher(result.out());
        assertThat(m.find()).as("a completed savepoint: " + result.out()).isTrue();
        return m.group(1);
    }

    @Test
    void savepointsMoveStateFromRocksDBToTheHeapAndBack() throws Exception {
        String stop = "  - savepoint: {after-checkpoints: 3, stop: true}\n";
        String fromRocks = savepointOf(ok(run("a", simulation("a", "rocksdb", true, stop))));
        String fromHeap = savepointOf(ok(run("b", simulation("b", "hashmap", false, stop), "-s", fromRocks)));

        Cli.Result last = ok(run("c", simulation("c", "rocksdb", true, ""), "-s", fromHeap));

        assertThat(last.out()).contains("restoring checkpoint")
                .contains("committed output and final state equal the failure-free run");
    }

    @Test
    void aCorruptSharedFileIsNamedBeforeAnythingRuns() throws Exception {
        Path metadata = retained(ok(run("inc", simulation("inc", "rocksdb", true, CRASH_THEN_CANCEL))));
        IncrementalStateHandle handle = handles(MetadataFormat.read(metadata)).get(0);
        Path shared = metadata.getParent().getParent().resolve("shared").resolve(handle.sharedFiles().get(0).sharedKey());
        byte[] bytes = Files.readAllBytes(shared);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(shared, bytes);

        Cli.Result refused = run("finish", simulation("finish", "rocksdb", true, ""), "-s", metadata.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(shared.toString()).contains("checksum mismatch").doesNotContain("\tat ");
        Files.delete(shared);
        Cli.Result missing = run("finish", simulation("finish", "rocksdb", true, ""), "-s", metadata.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(shared.toString()).contains("is missing");
    }
}
