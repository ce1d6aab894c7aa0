package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code _metadata} may name only files inside its own snapshot tree: for a checkpoint its
 * {@code chk-N} folder and the job's {@code shared/} and {@code taskowned/}, for a savepoint its own
 * folder. Whatever lies elsewhere, by absolute path or through a symbolic link, is refused before
 * it is opened, even when its size and checksum match; a checkpoints directory that is itself a
 * link keeps working.
 */
class FilesOutsideTheSnapshotTest {

    private static final byte[] CONTENT = "state bytes that a crafted _metadata would like to restore from"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path jobDir;
    private Path chk;
    private Path outside;

    @BeforeEach
    void layOutAJobAndAFileOutsideIt() throws IOException {
        jobDir = tmp.resolve("cp").resolve(Snapshots.JOB_ID);
        chk = Files.createDirectories(jobDir.resolve("chk-1"));
        Files.createDirectories(jobDir.resolve("shared"));
        Files.createDirectories(jobDir.resolve("taskowned"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(outside.resolve("secret"), CONTENT);
    }

    /** An absolute handle to {@code file} whose size and checksum match {@link #CONTENT}. */
    private static StateHandle.File handleTo(Path file) {
        CRC32 crc = new CRC32();
        crc.update(CONTENT);
        return new StateHandle.File(file.toString(), false, CONTENT.length, crc.getValue());
    }

    private Path writeCheckpoint(StateHandle handle) {
        MetadataFormat.write(chk, Snapshots.withHandle(1, SnapshotKind.CHECKPOINT, handle));
        return chk.resolve("_metadata");
    }

    @Nested
    class ReadingTheMetadata {

        @Test
        void anAbsolutePathOutsideTheCheckpointIsRefusedNamingTheMetadataThePathAndWhy() {
            Path metadata = writeCheckpoint(handleTo(outside.resolve("secret")));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessage(metadata + ": operator op-1 subtask 0: state file '" + outside.resolve("secret")
                            + "' lies outside the checkpoint (its files lie in " + chk
                            + " or in shared/ or taskowned/ next to it); refusing to read it");
        }

        @Test
        void aStateFileThatIsALinkLeadingOutsideIsRefused() throws IOException {
            Path link = Files.createSymbolicLink(chk.resolve("op-1-0-keyed"), outside.resolve("secret"));
            Path metadata = writeCheckpoint(handleTo(link));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageStartingWith(metadata + ": operator op-1 subtask 0: state file '" + link
                            + "' leads through a symbolic link to " + outside.toRealPath().resolve("secret")
                            + ", outside the checkpoint");
        }

        @Test
        void aFolderInsideTheCheckpointThatIsALinkLeadingOutsideIsRefused() throws IOException {
            Files.createSymbolicLink(chk.resolve("data"), outside);
            Path metadata = writeCheckpoint(handleTo(chk.resolve("data").resolve("secret")));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("leads through a symbolic link to " + outside.toRealPath().resolve("secret"));
        }

        @Test
        void aSharedFolderThatIsItselfALinkDoesNotStretchTheTree() throws IOException {
            Files.delete(jobDir.resolve("shared"));
            Files.createSymbolicLink(jobDir.resolve("shared"), outside);
            Path metadata = writeCheckpoint(handleTo(jobDir.resolve("shared").resolve("secret")));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("leads through a symbolic link");
        }

        @Test
        void aStateFileThatIsADanglingLinkIsRefusedRatherThanFollowedLater() throws IOException {
            Path link = Files.createSymbolicLink(chk.resolve("op-1-0-keyed"), outside.resolve("not-yet-there"));
            Path metadata = writeCheckpoint(handleTo(link));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("state file '" + link + "' leads through a symbolic link to a file that does not exist");
        }

        @Test
        void aCheckpointMayReferToTheJobsSharedAndTaskOwnedFolders() throws IOException {
            Files.write(jobDir.resolve("shared").resolve("sst-1"), CONTENT);
            Path metadata = writeCheckpoint(handleTo(jobDir.resolve("shared").resolve("sst-1")));

            assertThat(MetadataFormat.read(metadata).operators()).hasSize(1);
        }

        @Test
        void aSavepointMayReferOnlyToItsOwnFolder() throws IOException {
            Files.write(jobDir.resolve("shared").resolve("sst-1"), CONTENT);
            MetadataFormat.write(chk, Snapshots.withHandle(1, SnapshotKind.SAVEPOINT,
                    handleTo(jobDir.resolve("shared").resolve("sst-1"))));

            assertThatThrownBy(() -> MetadataFormat.read(chk.resolve("_metadata")))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("lies outside the savepoint (its files lie in its own folder " + chk + ")");
        }

        @Test
        void aRelativePathClimbingOutIsStillRefused() {
            Path metadata = writeCheckpoint(new StateHandle.File("../../../outside/secret", true, CONTENT.length, 0));

            assertThatThrownBy(() -> MetadataFormat.read(metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("escapes the snapshot directory");
        }
    }

    @Nested
    class ReadingTheState {

        @Test
        void aHandleBuiltInCodeThatPointsOutsideIsRefusedBeforeTheFileIsOpened() {
            StateHandle.File handle = handleTo(outside.resolve("secret"));
            Path metadata = writeCheckpoint(new StateHandle.Inline(new byte[] {1}));

            assertThatThrownBy(() -> read(handle, metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageStartingWith(metadata + ": state file '" + outside.resolve("secret") + "' lies outside");
        }

        @Test
        void aStateFileReplacedByALinkAfterTheMetadataWasReadIsRefused() throws IOException {
            Files.write(chk.resolve("op-1-0-keyed"), CONTENT);
            Path metadata = writeCheckpoint(handleTo(chk.resolve("op-1-0-keyed")));
            StateHandle keyed = MetadataFormat.read(metadata).operators().get(0).subtasks().get(0).keyedState();
            Files.delete(chk.resolve("op-1-0-keyed"));
            Files.createSymbolicLink(chk.resolve("op-1-0-keyed"), outside.resolve("secret"));

            assertThatThrownBy(() -> read(keyed, metadata))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("leads through a symbolic link");
        }

        @Test
        void aCheckpointsDirectoryThatIsALinkStillRestoresUnderEitherName() throws IOException {
            Path real = Files.createDirectories(tmp.resolve("real-checkpoints"));
            Path link = Files.createSymbolicLink(tmp.resolve("checkpoints"), real);
            FsCheckpointStorage storage = new FsCheckpointStorage(link, Snapshots.JOB_ID, 0);
            StateHandle handle = storage.writeState(storage.checkpointDirectory(2), "op-1-0-keyed", CONTENT, false);
            storage.writeMetadata(2, Snapshots.withHandle(2, SnapshotKind.CHECKPOINT, handle));

            for (Path root : new Path[] {link, real}) {
                Path metadata = root.resolve(Snapshots.JOB_ID).resolve("chk-2").resolve("_metadata");
                StateHandle keyed = MetadataFormat.read(metadata).operators().get(0).subtasks().get(0).keyedState();
                assertThat(read(keyed, metadata)).as("read through " + root).isEqualTo(CONTENT);
            }
        }
    }

    /** Reads as a restore does: through the tree of the metadata file. */
    private static byte[] read(StateHandle handle, Path metadataFile) {
        return StateReader.read(handle, SnapshotTree.of(metadataFile, SnapshotKind.CHECKPOINT));
    }
}
