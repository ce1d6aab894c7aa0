package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crafted {@code _metadata} that names files outside its checkpoint, on the command line: a run
 * from it is refused before anything runs, {@code checkpoints inspect} refuses it and
 * {@code checkpoints list} shows it as unreadable, always with one line naming the metadata file,
 * the path and why; no outside file is read. A checkpoints directory that is itself a symbolic link
 * keeps working.
 */
class FilesOutsideTheSnapshotCliTest {

    private static final byte[] SECRET = "bytes of a file that belongs to no checkpoint".getBytes(StandardCharsets.UTF_8);
    private static final String JOB = "cccc3333cccc3333cccc3333cccc3333";

    @TempDir
    Path dir;

    private Path jobDir;
    private Path chk;
    private Path secret;

    @BeforeEach
    void layOutAJobAndAFileOutsideIt() throws IOException {
        jobDir = dir.resolve("checkpoints").resolve(JOB);
        chk = Files.createDirectories(jobDir.resolve("chk-4"));
        Files.createDirectories(jobDir.resolve("shared"));
        secret = Files.createDirectories(dir.resolve("outside")).resolve("secret");
        Files.write(secret, SECRET);
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** A checkpoint of the running-sum job's {@code sum} operator (parallelism 1) whose keyed state is {@code keyed}. */
    private Path writeCheckpoint(StateHandle keyed) {
        OperatorStateSnapshot sum = new OperatorStateSnapshot("sum", "sum", 1, 128, List.of(
                new SubtaskStateSnapshot(0, new KeyGroupRange(0, 127), keyed, null, Map.of())));
        MetadataFormat.write(chk, new CheckpointMetadata(JOB, 4, 1, 2, SnapshotKind.CHECKPOINT,
                "RETAIN_ON_CANCELLATION", List.of(sum)));
        return chk.resolve("_metadata");
    }

    private Path writeHeapCheckpointPointingOutside() {
        return writeCheckpoint(new StateHandle.File(secret.toString(), false, SECRET.length, crc(SECRET)));
    }

    private static void assertOneLineError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("snapsim: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.err()).contains(fragments);
    }

    @Nested
    class AHeapStateFileByAbsolutePath {

        @Test
        void aRunFromItIsRefusedBeforeAnythingRuns() throws IOException {
            Path metadata = writeHeapCheckpointPointingOutside();
            Files.writeString(dir.resolve("sum.yaml"), """
                    name: sum
                    job: running-sum
                    parameters: {records: 1000, keys: 10}
                    parallelism: 1
                    seed: 1
                    execution: deterministic
                    sink: transactional
                    expect: equivalent
                    """);

            Cli.Result result = Cli.in(dir).run("run", "-s", chk.toString(), "sum.yaml", "--reports", "reports");

            assertOneLineError(result, "snapsim: " + metadata + ": operator sum subtask 0: state file '" + secret
                    + "' lies outside the checkpoint (its files lie in " + chk
                    + " or in shared/ or taskowned/ next to it); refusing to read it");
            assertThat(result.out()).doesNotContain("reference:").doesNotContain("restoring");
        }

        @Test
        void inspectRefusesItInOneLine() {
            Path metadata = writeHeapCheckpointPointingOutside();

            Cli.Result result = Cli.in(dir).run("checkpoints", "inspect", chk.toString());

            assertOneLineError(result, metadata.toString(), "'" + secret + "' lies outside the checkpoint");
            assertThat(result.out()).isEmpty();
        }

        @Test
        void listShowsItAsUnreadableWithTheReason() {
            writeHeapCheckpointPointingOutside();

            Cli.Result result = Cli.in(dir).run("checkpoints", "list", jobDir.toString());

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("unreadable: operator sum subtask 0: state file '" + secret
                    + "' lies outside the checkpoint").contains("0 valid, 1 incomplete or unreadable");
        }
    }

    @Nested
    class ARocksDBFile {

        /** A RocksDB checkpoint of one shared and one private file, both with their recorded sizes. */
        private IncrementalStateHandle writeRocksDBCheckpoint(String sharedKey) throws IOException {
            Files.createDirectories(chk.resolve("sum-0"));
            Files.write(chk.resolve("sum-0").resolve("CURRENT"), SECRET);
            IncrementalStateHandle handle = new IncrementalStateHandle(4, new KeyGroupRange(0, 127), 128, "sum-0",
                    List.of(new SharedFile("000009.sst", sharedKey, SECRET.length, 4, crc(SECRET))),
                    List.of(new PrivateFile("CURRENT", SECRET.length, crc(SECRET))));
            writeCheckpoint(handle.toStateHandle());
            return handle;
        }

        @Test
        void inspectShowsASharedFileThatLeadsOutsideAsRefusedAndDoesNotLookAtIt() throws IOException {
            writeRocksDBCheckpoint("sum-0-4-000009.sst");
            Path link = Files.createSymbolicLink(jobDir.resolve("shared").resolve("sum-0-4-000009.sst"), secret);

            Cli.Result text = Cli.in(dir).run("checkpoints", "inspect", chk.toString());
            Cli.Result json = Cli.in(dir).run("checkpoints", "inspect", "--json", chk.toString());

            assertThat(text.exitCode()).as(text.err()).isZero();
            assertThat(text.out()).contains("shared/sum-0-4-000009.sst").contains(", REFUSED: leads through a symbolic link to "
                    + secret.toRealPath() + ", outside the checkpoint");
            JsonNode shared = new ObjectMapper().readTree(json.out()).get("operators").get(0).get("subtasks").get(0)
                    .get("keyedState").get("sharedFiles").get(0);
            assertThat(shared.get("path").asText()).isEqualTo(link.toString());
            assertThat(shared.get("exists").asBoolean()).isFalse();
            assertThat(shared.get("refused").asText()).startsWith("leads through a symbolic link to " + secret.toRealPath());
        }

        @Test
        void aRunFromACheckpointWhoseSharedFileLeadsOutsideIsRefusedBeforeAnythingRuns() throws IOException {
            writeRocksDBCheckpoint("sum-0-4-000009.sst");
            Files.createSymbolicLink(jobDir.resolve("shared").resolve("sum-0-4-000009.sst"), secret);
            Files.writeString(dir.resolve("sum.yaml"), rocksDBSimulation());

            Cli.Result result = Cli.in(dir).run("run", "-s", chk.toString(), "sum.yaml", "--reports", "reports");

            assertOneLineError(result, chk.resolve("_metadata") + ": RocksDB shared file '"
                    + jobDir.resolve("shared").resolve("sum-0-4-000009.sst") + "' leads through a symbolic link to "
                    + secret.toRealPath());
        }

        @Test
        void aRunFromAHandleNamingAnAbsoluteSharedFileIsRefusedNamingIt() throws IOException {
            // The handle's constructor refuses a path, so the path replaces a name of the same length in its bytes.
            String placeholder = "x".repeat(secret.toString().length());
            IncrementalStateHandle handle = writeRocksDBCheckpoint(placeholder);
            byte[] descriptor = new String(handle.toBytes(), StandardCharsets.ISO_8859_1)
                    .replace(placeholder, secret.toString()).getBytes(StandardCharsets.ISO_8859_1);
            Files.delete(chk.resolve("_metadata"));
            writeCheckpoint(new StateHandle.Native(IncrementalStateHandle.NATIVE_FORMAT, descriptor,
                    handle.checkpointedSize(), handle.fullSize()));
            Files.writeString(dir.resolve("sum.yaml"), rocksDBSimulation());

            Cli.Result result = Cli.in(dir).run("run", "-s", chk.toString(), "sum.yaml", "--reports", "reports");

            assertOneLineError(result, chk.resolve("_metadata").toString(), "shared key is not a plain file name: " + secret);
        }

        private static String rocksDBSimulation() {
            return """
                    name: sum
                    job: running-sum
                    parameters: {records: 1000, keys: 10}
                    parallelism: 1
                    seed: 1
                    execution: deterministic
                    sink: transactional
                    expect: equivalent
                    config:
                      state.backend.type: rocksdb
                    """;
        }
    }

    /**
     * The legitimate case the rule must keep working: {@code state.checkpoints.dir} is a link to the
     * real folder, so the checkpoint's handles name paths through the link, and the user may resume
     * through either name.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestBackend.class, names = {"HASHMAP", "ROCKSDB_INCREMENTAL"})
    void aCheckpointsDirectoryThatIsALinkStillResumesUnderEitherName(TestBackend backend) throws Exception {
        Path real = Files.createDirectories(dir.resolve("real-checkpoints"));
        Path link = Files.createSymbolicLink(dir.resolve("linked-checkpoints"), real);
        Files.writeString(dir.resolve("cycle.yaml"), """
                name: cycle
                job: running-sum
                parameters: {records: 150000, keys: 500}
                parallelism: 2
                seed: 4
                execution: deterministic
                sink: transactional
                expect: equivalent
                config:
                  execution.checkpointing.interval: 5 ms
                  execution.checkpointing.data-inline-threshold: 1 b
                  execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                faults:
                  - cancel: {after-checkpoints: 2}
                """.replace("config:\n", "config:\n" + backend.configLines()));
        Cli cli = Cli.in(dir);
        Cli.Result first = cli.run("run", "cycle.yaml", "--reports", "reports", "-D", "state.checkpoints.dir=" + link);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        Path retained;
        try (var jobs = Files.list(link)) {
            Path job = jobs.findFirst().orElseThrow();
            try (var checkpoints = Files.list(job)) {
                retained = checkpoints.filter(p -> p.getFileName().toString().startsWith("chk-")).findFirst().orElseThrow();
            }
        }

        for (Path viaEitherName : List.of(retained, real.resolve(link.relativize(retained)))) {
            Cli.Result resumed = cli.run("run", "-s", viaEitherName.toString(), "cycle.yaml", "--reports", "reports",
                    "-D", "execution.checkpointing.externalized-checkpoint-retention=NO_EXTERNALIZED_CHECKPOINTS");
            assertThat(resumed.exitCode()).as("from " + viaEitherName + ": " + resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("restoring checkpoint");
        }
    }
}
