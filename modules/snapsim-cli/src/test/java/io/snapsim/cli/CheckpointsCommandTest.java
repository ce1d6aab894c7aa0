package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsCommandTest {

    @TempDir
    Path workingDir;

    CheckpointFixtures fx;
    Cli cli;

    @BeforeEach
    void createCheckpoints() throws IOException {
        fx = CheckpointFixtures.create(workingDir.resolve("checkpoints"));
        cli = Cli.in(workingDir);
    }

    /** The output line of the row whose path column ends with {@code pathSuffix}. */
    private static String rowOf(String out, String pathSuffix) {
        List<String> rows = out.lines().filter(l -> l.contains(pathSuffix)).toList();
        assertThat(rows).as("rows mentioning %s in%n%s", pathSuffix, out).hasSize(1);
        return rows.get(0);
    }

    private static void assertOneLineError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("snapsim: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String fragment : fragments) {
            assertThat(result.err()).contains(fragment);
        }
    }

    @Nested
    class ListCommand {

        @Test
        void listsEveryJobOfACheckpointsDirectoryInJobThenIdOrder() {
            Cli.Result result = cli.run("checkpoints", "list", fx.root.toString());

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.err()).isEmpty();
            String out = result.out();
            assertThat(out).contains("job " + CheckpointFixtures.JOB_A, "job " + CheckpointFixtures.JOB_B);
            assertThat(out.indexOf("job " + CheckpointFixtures.JOB_A)).isLessThan(out.indexOf("job " + CheckpointFixtures.JOB_B));
            int chk1 = out.indexOf("chk-1" + java.io.File.separator + "_metadata");
            int chk2 = out.indexOf("chk-2" + java.io.File.separator + "_metadata");
            int chk3 = out.indexOf("chk-3");
            int sp = out.indexOf("savepoint-aaaa11-00000000beef");
            assertThat(chk1).isPositive().isLessThan(chk2);
            assertThat(chk2).isLessThan(chk3);
            assertThat(chk3).isLessThan(sp);
            assertThat(sp).isLessThan(out.indexOf("job " + CheckpointFixtures.JOB_B));
            assertThat(out).contains("7 snapshot(s) in 2 job(s): 4 valid, 3 incomplete or unreadable");
        }

        @Test
        void showsIdKindCompletionTimeSizeSelfContainedRetentionAndPath() {
            String out = cli.run("checkpoints", "list", fx.root.toString()).out();

            String chk1 = rowOf(out, "chk-1/_metadata");
            assertThat(chk1).startsWith("  1 ").contains("checkpoint", "2024-05-01T10:00:01.123Z", "RETAIN_ON_CANCELLATION")
                    .contains(fx.jobA.resolve("chk-1/_metadata").toString()).endsWith("ok");
            assertThat(chk1.split("\\s+")).contains("yes");
            String chk2 = rowOf(out, "chk-2/_metadata");
            assertThat(chk2).contains("3.0 KiB");
            assertThat(chk2.split("\\s+")).contains("no");
        }

        @Test
        void listsAChkFolderWithoutMetadataAsIncompleteNeverAsValid() {
            String chk3 = rowOf(cli.run("checkpoints", "list", fx.root.toString()).out(), "chk-3");

            assertThat(chk3).startsWith("  3 ").contains(fx.jobA.resolve("chk-3").toString())
                    .endsWith("incomplete (no _metadata)")
                    .doesNotContain(" ok").doesNotContain("_metadata  ");
        }

        @Test
        void listsACorruptMetadataFileWithItsErrorAndNoStackTrace() {
            Cli.Result result = cli.run("checkpoints", "list", fx.root.toString());

            String chk6 = rowOf(result.out(), "chk-6");
            assertThat(chk6).startsWith("  6 ").contains("unreadable: not a snapsim metadata file (magic number");
            assertThat(result.out()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(result.exitCode()).isEqualTo(0);
        }

        @Test
        void listsSavepointsWithTheirJobAndPlacesAnIncompleteOneByItsName() {
            String out = cli.run("checkpoints", "list", fx.root.toString()).out();

            String sp = rowOf(out, "savepoint-aaaa11-00000000beef");
            assertThat(sp).startsWith("  4 ").contains("savepoint", "2.0 KiB").endsWith("ok");
            assertThat(sp.split("\\s+")).contains("yes");
            String incomplete = rowOf(out, "savepoint-bbbb22-00000000dead");
            assertThat(incomplete).contains("savepoint").endsWith("incomplete (no _metadata)");
            assertThat(out.indexOf("savepoint-bbbb22")).isGreaterThan(out.indexOf("job " + CheckpointFixtures.JOB_B));
        }

        @Test
        void listsASingleJobFolder() {
            Cli.Result result = cli.run("checkpoints", "list", fx.jobB.toString());

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.out()).contains("job " + CheckpointFixtures.JOB_B, "chk-5", "chk-6")
                    .doesNotContain(CheckpointFixtures.JOB_A).doesNotContain("savepoint");
        }

        @Test
        void listsASavepointsDirectory() throws IOException {
            Path savepoints = Files.createDirectories(workingDir.resolve("savepoints"));
            Files.move(fx.savepoint, savepoints.resolve(fx.savepoint.getFileName()));

            Cli.Result result = cli.run("checkpoints", "list", "savepoints");

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.out()).contains("job " + CheckpointFixtures.JOB_A, "savepoint-aaaa11-00000000beef")
                    .contains("1 snapshot(s) in 1 job(s): 1 valid");
        }

        @Test
        void acceptsAFileUri() {
            Cli.Result result = cli.run("checkpoints", "list", fx.root.toUri().toString());

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.out()).contains("job " + CheckpointFixtures.JOB_A, "job " + CheckpointFixtures.JOB_B);
        }

        @Test
        void saysSoWhenThereIsNothingToList() throws IOException {
            Files.createDirectories(workingDir.resolve("empty"));

            Cli.Result result = cli.run("checkpoints", "list", "empty");

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.out()).startsWith("no checkpoints or savepoints under");
        }

        @Test
        void aMissingDirectoryIsOneLineAndExitCode2() {
            assertOneLineError(cli.run("checkpoints", "list", "no-such-dir"), "no-such-dir", "no such directory");
        }
    }

    @Nested
    class InspectCommand {

        @Test
        void printsTheSnapshotOperatorsSubtasksAndSourcePositions() {
            Cli.Result result = cli.run("checkpoints", "inspect", fx.jobA.resolve("chk-2/_metadata").toString());

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.err()).isEmpty();
            assertThat(result.out())
                    .contains("job id:           " + CheckpointFixtures.JOB_A)
                    .contains("checkpoint id:    2")
                    .contains("kind:             checkpoint")
                    .contains("completed:        2024-05-01T10:00:02.123Z")
                    .contains("retention:        RETAIN_ON_CANCELLATION")
                    .contains("self-contained:   no")
                    .contains("operator source (Source: lines): parallelism 2, max parallelism 2")
                    .contains("operator counter (counter): parallelism 2, max parallelism 128")
                    .contains("source positions: lines-0=200, lines-2=7")
                    .contains("source positions: lines-1=99")
                    .contains("key groups:       0..63 (64 key groups)")
                    .contains("key groups:       none (not keyed)")
                    .contains("operator state:   inline 8 bytes")
                    .contains("keyed state:      file " + fx.chk2Keyed + ", 2.9 KiB (3000 bytes), crc32 0x");
        }

        @Test
        void acceptsTheDirectoryAndAFileUriAndResolvesRelativeHandles() {
            Cli.Result byDir = cli.run("checkpoints", "inspect", fx.savepoint.toString());
            Cli.Result byUri = cli.run("checkpoints", "inspect", fx.savepoint.toUri().toString());

            assertThat(byDir.exitCode()).isEqualTo(0);
            assertThat(byDir.out()).isEqualTo(byUri.out())
                    .contains("kind:             savepoint")
                    .contains("self-contained:   yes")
                    .contains("keyed state:      file counter-0-keyed (relative: "
                            + fx.savepoint.resolve("counter-0-keyed") + "), 2.0 KiB (2048 bytes), crc32 0x")
                    .doesNotContain("MISSING");
        }

        @Test
        void flagsStateFilesThatAreGone() throws IOException {
            Files.delete(fx.chk2Keyed);

            Cli.Result result = cli.run("checkpoints", "inspect", fx.jobA.resolve("chk-2").toString());

            assertThat(result.exitCode()).isEqualTo(0);
            assertThat(result.out()).contains(fx.chk2Keyed + ", 2.9 KiB (3000 bytes), crc32 0x").contains(", MISSING");
        }

        @Test
        void printsTheSameAsJson() throws IOException {
            Cli.Result result = cli.run("checkpoints", "inspect", "--json", fx.jobA.resolve("chk-2").toString());

            assertThat(result.exitCode()).isEqualTo(0);
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertThat(json.get("jobId").asText()).isEqualTo(CheckpointFixtures.JOB_A);
            assertThat(json.get("checkpointId").asLong()).isEqualTo(2);
            assertThat(json.get("kind").asText()).isEqualTo("checkpoint");
            assertThat(json.get("completionTimestamp").asLong()).isEqualTo(CheckpointFixtures.T0 + 2123);
            assertThat(json.get("completionTime").asText()).isEqualTo("2024-05-01T10:00:02.123Z");
            assertThat(json.get("selfContained").asBoolean()).isFalse();
            assertThat(json.get("retention").asText()).isEqualTo("RETAIN_ON_CANCELLATION");
            JsonNode source = json.get("operators").get(0);
            assertThat(source.get("uid").asText()).isEqualTo("source");
            assertThat(source.get("subtasks").get(0).get("sourcePositions").get("lines-0").asLong()).isEqualTo(200);
            assertThat(source.get("subtasks").get(0).get("keyGroups").isNull()).isTrue();
            assertThat(source.get("subtasks").get(0).get("operatorState").get("type").asText()).isEqualTo("inline");
            JsonNode counter0 = json.get("operators").get(1).get("subtasks").get(0);
            assertThat(counter0.get("keyGroups").get("end").asInt()).isEqualTo(63);
            JsonNode keyed = counter0.get("keyedState");
            assertThat(keyed.get("type").asText()).isEqualTo("file");
            assertThat(keyed.get("path").asText()).isEqualTo(fx.chk2Keyed.toString());
            assertThat(keyed.get("size").asLong()).isEqualTo(3000);
            assertThat(keyed.get("exists").asBoolean()).isTrue();
            assertThat(counter0.get("operatorState").isNull()).isTrue();
            assertThat(json.get("stateSize").asLong())
                    .isEqualTo(3000 + "counts-1".length() + "reader-0".length() + "reader-1".length());
        }

        @Test
        void aMissingPathIsOneLineAndExitCode2() {
            assertOneLineError(cli.run("checkpoints", "inspect", "nowhere/chk-9"), "nowhere", "does not exist");
        }

        @Test
        void aCorruptMetadataFileIsOneLineAndExitCode2() {
            assertOneLineError(cli.run("checkpoints", "inspect", fx.jobB.resolve("chk-6").toString()),
                    "chk-6", "not a snapsim metadata file (magic number");
        }

        @Test
        void aTruncatedMetadataFileIsOneLineAndExitCode2() throws IOException {
            Path metadata = fx.jobA.resolve("chk-1/_metadata");
            byte[] bytes = Files.readAllBytes(metadata);
            Files.write(metadata, java.util.Arrays.copyOf(bytes, bytes.length - 5));

            assertOneLineError(cli.run("checkpoints", "inspect", "--json", metadata.toString()), "chk-1", "truncated");
        }

        @Test
        void aDirectoryWithoutMetadataIsOneLineAndExitCode2() {
            assertOneLineError(cli.run("checkpoints", "inspect", fx.jobA.resolve("chk-3").toString()),
                    "chk-3", "holds no _metadata");
        }
    }
}
