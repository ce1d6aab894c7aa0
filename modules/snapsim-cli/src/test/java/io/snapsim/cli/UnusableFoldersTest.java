package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A folder snapsim would write into that cannot be used (a file, a path under a file, a place the
 * file system refuses) is refused before anything runs, in deterministic and in live execution:
 * exit code 2, exactly one line on stderr naming the key or option, the path and why, no stack
 * trace, and nothing created anywhere.
 */
class UnusableFoldersTest {

    @TempDir
    Path dir;

    private Path aFile;

    @BeforeEach
    void createAFileAndASimulation() throws IOException {
        aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        for (String execution : List.of("deterministic", "live")) {
            Files.writeString(dir.resolve(execution + ".yaml"), """
                    name: sum
                    job: running-sum
                    parameters: {records: 2000, keys: 10}
                    parallelism: 1
                    seed: 3
                    execution: %s
                    sink: transactional
                    expect: equivalent
                    config:
                      execution.checkpointing.interval: 5 ms
                    """.formatted(execution));
        }
    }

    /** Every path under the test's folder, to show that a refused run created nothing. */
    private List<Path> everything() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return new ArrayList<>(paths.sorted().toList());
        }
    }

    private Cli.Result refused(String... args) throws IOException {
        List<Path> before = everything();
        Cli.Result result = Cli.in(dir).run(args);
        assertThat(result.exitCode()).as("exit code; out: %s err: %s", result.out(), result.err()).isEqualTo(2);
        assertThat(result.errLines()).as("lines on stderr").hasSize(1);
        assertThat(result.err()).startsWith("snapsim: ").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("guardian");
        assertThat(result.out()).as("nothing ran").isEmpty();
        assertThat(everything()).as("nothing created").isEqualTo(before);
        return result;
    }

    private String reports() {
        return dir.resolve("reports").toString();
    }

    @Nested
    class CheckpointsDirectory {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"deterministic", "live"})
        void thatIsAFileIsNamedWithTheKey(String execution) throws IOException {
            Cli.Result result = refused("run", execution + ".yaml", "--reports", reports(),
                    "-D", "state.checkpoints.dir=" + aFile);

            assertThat(result.err().strip()).isEqualTo("snapsim: state.checkpoints.dir: " + aFile + " is a file, not a folder");
        }

        @Test
        void belowAFileCannotBeCreated() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", reports(),
                    "-D", "execution.checkpointing.dir=" + aFile.resolve("checkpoints"));

            assertThat(result.err().strip()).isEqualTo("snapsim: execution.checkpointing.dir: cannot create folder "
                    + aFile.resolve("checkpoints") + ": " + aFile + " is a file, not a folder");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"deterministic", "live"})
        void whereTheFileSystemRefusesFoldersIsNamedWithTheReason(String execution) throws IOException {
            Cli.Result result = refused("run", execution + ".yaml", "--reports", reports(),
                    "-D", "state.checkpoints.dir=/proc/snapsim-checkpoints");

            assertThat(result.err().strip()).isEqualTo("snapsim: state.checkpoints.dir: cannot create folder "
                    + "/proc/snapsim-checkpoints: the file system refuses it");
            assertThat(Path.of("/proc/snapsim-checkpoints")).doesNotExist();
        }

        @Test
        void thatExistsButTakesNoNewFoldersIsRefused() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", reports(),
                    "-D", "state.checkpoints.dir=/proc");

            assertThat(result.err().strip()).isEqualTo("snapsim: state.checkpoints.dir: folder /proc does not take new "
                    + "folders: the file system refuses it");
        }

        @Test
        void withoutWritePermissionIsRefused() throws IOException {
            assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
            Path readOnly = Files.createDirectory(dir.resolve("read-only"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));

            Cli.Result result = refused("run", "deterministic.yaml", "--reports", reports(),
                    "-D", "state.checkpoints.dir=" + readOnly.resolve("checkpoints"));

            assertThat(result.err()).contains("state.checkpoints.dir: cannot create folder " + readOnly.resolve("checkpoints")
                    + ": permission denied");
        }

        @Test
        void isRefusedBySweepToo() throws IOException {
            Cli.Result result = refused("sweep", "deterministic.yaml", "--seeds", "1..2", "--reports", reports(),
                    "-D", "state.checkpoints.dir=" + aFile);

            assertThat(result.err().strip()).isEqualTo("snapsim: state.checkpoints.dir: " + aFile + " is a file, not a folder");
        }
    }

    @Nested
    class SavepointsDirectory {

        @Test
        void thatIsAFileIsNamedWithTheKeyTheUserWrote() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", reports(),
                    "-D", "state.savepoints.dir=" + aFile);

            assertThat(result.err().strip()).isEqualTo("snapsim: state.savepoints.dir: " + aFile + " is a file, not a folder");
        }

        @Test
        void whereTheFileSystemRefusesFoldersIsNamed() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", reports(),
                    "-D", "execution.checkpointing.savepoint-dir=/proc/snapsim-savepoints");

            assertThat(result.err().strip()).isEqualTo("snapsim: execution.checkpointing.savepoint-dir: cannot create"
                    + " folder /proc/snapsim-savepoints: the file system refuses it");
        }
    }

    @Nested
    class ReportsFolder {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"deterministic", "live"})
        void thatIsAFileSaysSo(String execution) throws IOException {
            Cli.Result result = refused("run", execution + ".yaml", "--reports", aFile.toString());

            assertThat(result.err().strip()).isEqualTo("snapsim: --reports: " + aFile + " is a file, not a folder");
        }

        @Test
        void whereTheFileSystemRefusesFoldersSaysWhy() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", "/proc/snapsim-reports");

            assertThat(result.err().strip()).isEqualTo("snapsim: --reports: cannot create folder /proc/snapsim-reports:"
                    + " the file system refuses it");
        }

        @Test
        void inAReadOnlyPlaceSaysWhy() throws IOException {
            Cli.Result result = refused("run", "deterministic.yaml", "--reports", "/sys/snapsim-reports");

            assertThat(result.err().strip()).isEqualTo("snapsim: --reports: cannot create folder /sys/snapsim-reports:"
                    + " operation not permitted");
        }

        @Test
        void ofASweepThatIsAFileSaysSo() throws IOException {
            Cli.Result result = refused("sweep", "deterministic.yaml", "--seeds", "1..2", "--reports", aFile.toString());

            assertThat(result.err().strip()).isEqualTo("snapsim: --reports: " + aFile + " is a file, not a folder");
        }
    }
}
