package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsCheckpointStorageTest {

    private static final String JOB = Snapshots.JOB_ID;

    @TempDir
    Path checkpointsDir;

    FsCheckpointStorage storage;

    @BeforeEach
    void createStorage() {
        storage = new FsCheckpointStorage(checkpointsDir, JOB, 16);
    }

    @Nested
    class Layout {

        @Test
        void directoriesFollowFlinksLayout() {
            Path jobDir = checkpointsDir.toAbsolutePath().resolve(JOB);

            assertThat(storage.jobDirectory()).isEqualTo(jobDir);
            assertThat(storage.sharedDirectory()).isEqualTo(jobDir.resolve("shared"));
            assertThat(storage.taskOwnedDirectory()).isEqualTo(jobDir.resolve("taskowned"));
            assertThat(storage.checkpointDirectory(12)).isEqualTo(jobDir.resolve("chk-12"));
        }

        @Test
        void initializeCreatesJobSharedAndTaskOwnedDirectories() {
            storage.initializeJobDirectories();
            storage.initializeJobDirectories(); // idempotent

            assertThat(storage.sharedDirectory()).isDirectory();
            assertThat(storage.taskOwnedDirectory()).isDirectory();
        }

        @Test
        void constructorTouchesNoFile() {
            assertThat(storage.jobDirectory()).doesNotExist();
        }

        @Test
        void jobIdThatIsNotOneSegmentIsRefused() {
            assertThatThrownBy(() -> new FsCheckpointStorage(checkpointsDir, "../elsewhere", 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FsCheckpointStorage(checkpointsDir, "..", 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void negativeCheckpointIdIsRefused() {
            assertThatThrownBy(() -> storage.checkpointDirectory(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class WriteState {

        @Test
        void chunkBelowTheThresholdStaysInline() {
            byte[] bytes = new byte[15];

            StateHandle handle = storage.writeState(storage.checkpointDirectory(1), "op-1-0-keyed", bytes, false);

            assertThat(handle).isEqualTo(new StateHandle.Inline(bytes));
            assertThat(storage.checkpointDirectory(1)).doesNotExist();
        }

        @Test
        void chunkAtTheThresholdGoesToAFileWithSizeAndChecksum() throws IOException {
            byte[] bytes = "sixteen bytes!!!".getBytes();
            Path chk = storage.checkpointDirectory(1);

            StateHandle handle = storage.writeState(chk, "op-1-0-keyed", bytes, false);

            CRC32 crc = new CRC32();
            crc.update(bytes);
            Path file = chk.resolve("op-1-0-keyed");
            assertThat(handle).isEqualTo(new StateHandle.File(file.toString(), false, 16, crc.getValue()));
            assertThat(Path.of(((StateHandle.File) handle).path())).isAbsolute();
            assertThat(file).hasBinaryContent(bytes);
            assertThat(names(chk)).containsExactly("op-1-0-keyed");
        }

        @Test
        void relativeHandleStoresTheNameOnly() {
            StateHandle handle = storage.writeState(checkpointsDir.resolve("sp"), "op-1-0-keyed", new byte[100], true);

            assertThat(handle).isInstanceOfSatisfying(StateHandle.File.class, f -> {
                assertThat(f.path()).isEqualTo("op-1-0-keyed");
                assertThat(f.relative()).isTrue();
                assertThat(f.size()).isEqualTo(100);
            });
        }

        @Test
        void zeroThresholdWritesEvenAnEmptyChunkToAFile() {
            FsCheckpointStorage noInline = new FsCheckpointStorage(checkpointsDir, JOB, 0);

            StateHandle handle = noInline.writeState(noInline.checkpointDirectory(1), "empty", new byte[0], false);

            assertThat(handle).isInstanceOf(StateHandle.File.class);
            assertThat(handle.size()).isZero();
        }

        @Test
        void fileNameWithASeparatorIsRefused() {
            assertThatThrownBy(() -> storage.writeState(storage.checkpointDirectory(1), "../x", new byte[64], false))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void failedWriteRemovesItsTemporaryFile() throws IOException {
            Path chk = storage.checkpointDirectory(1);
            // A non-empty directory where the file should go makes the final rename fail.
            Files.createDirectories(chk.resolve("op-1-0-keyed").resolve("blocker"));

            assertThatThrownBy(() -> storage.writeState(chk, "op-1-0-keyed", new byte[64], false))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(chk.resolve("op-1-0-keyed").toString());
            assertThat(names(chk)).containsExactly("op-1-0-keyed");
        }
    }

    @Nested
    class Metadata {

        @Test
        void writeMetadataCompletesTheCheckpoint() {
            CheckpointMetadata md = Snapshots.rich(storage.jobDirectory(), 5);
            Path file = storage.writeMetadata(5, md);

            assertThat(file).isEqualTo(storage.checkpointDirectory(5).resolve("_metadata"));
            assertThat(MetadataFormat.read(file)).isEqualTo(md);
            assertThat(storage.checkpointIdsOnDisk()).containsExactly(5L);
        }

        @Test
        void metadataOfAnotherCheckpointIsRefused() {
            assertThatThrownBy(() -> storage.writeMetadata(6, Snapshots.rich(5)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyCompleteCanonicallyNamedCheckpointDirectoriesAreListed() throws IOException {
            storage.writeMetadata(10, Snapshots.rich(10));
            storage.writeMetadata(3, Snapshots.rich(3));
            storage.writeState(storage.checkpointDirectory(7), "op-1-0-keyed", new byte[64], false);
            Files.createDirectories(storage.jobDirectory().resolve("chk-007"));
            Files.writeString(storage.jobDirectory().resolve("chk-007").resolve("_metadata"), "x");
            Files.createDirectories(storage.jobDirectory().resolve("chk-x"));
            Files.writeString(storage.jobDirectory().resolve("chk-9"), "a file, not a directory");

            assertThat(storage.checkpointIdsOnDisk()).containsExactly(3L, 10L);
        }

        @Test
        void noJobDirectoryMeansNoCheckpoints() {
            assertThat(storage.checkpointIdsOnDisk()).isEmpty();
        }
    }

    @Nested
    class DiscardCheckpoint {

        @Test
        void deletesOnlyThatCheckpointDirectory() {
            storage.initializeJobDirectories();
            Path shared = writeStateFile(storage.sharedDirectory(), "sst-1");
            writeStateFile(storage.checkpointDirectory(1), "op-1-0-keyed");
            storage.writeMetadata(1, Snapshots.rich(1));
            writeStateFile(storage.checkpointDirectory(2), "op-1-0-keyed");
            storage.writeMetadata(2, Snapshots.rich(2));

            storage.discardCheckpoint(1);

            assertThat(storage.checkpointDirectory(1)).doesNotExist();
            assertThat(storage.checkpointDirectory(2).resolve("op-1-0-keyed")).exists();
            assertThat(shared).exists();
            assertThat(storage.checkpointIdsOnDisk()).containsExactly(2L);
        }

        @Test
        void discardingAMissingCheckpointIsHarmless() {
            storage.discardCheckpoint(1);
            storage.writeMetadata(1, Snapshots.rich(1));
            storage.discardCheckpoint(1);
            storage.discardCheckpoint(1);

            assertThat(storage.checkpointDirectory(1)).doesNotExist();
        }

        @Test
        void checkpointDirectoryThatIsASymlinkOutsideIsRefused(@TempDir Path outside) throws IOException {
            Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
            storage.initializeJobDirectories();
            Files.createSymbolicLink(storage.checkpointDirectory(5), outside);

            assertThatThrownBy(() -> storage.discardCheckpoint(5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chk-5")
                    .hasMessageContaining("symbolic link");
            assertThat(precious).hasContent("keep me");
            assertThat(storage.checkpointDirectory(5)).isSymbolicLink();
        }

        @Test
        void linkInsideACheckpointIsRemovedWithoutTouchingItsTarget(@TempDir Path outside) throws IOException {
            Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
            Path chk = Files.createDirectories(storage.checkpointDirectory(4));
            Files.createSymbolicLink(chk.resolve("link-to-file"), precious);
            Files.createSymbolicLink(chk.resolve("link-to-dir"), outside);

            storage.discardCheckpoint(4);

            assertThat(chk).doesNotExist();
            assertThat(precious).hasContent("keep me");
        }
    }

    @Nested
    class DiscardJobDirectory {

        @Test
        void deletesEverythingItCreatedAndTheEmptyJobDirectory() {
            storage.initializeJobDirectories();
            writeStateFile(storage.sharedDirectory(), "sst-1");
            writeStateFile(storage.taskOwnedDirectory(), "owned");
            storage.writeMetadata(1, Snapshots.rich(1));
            storage.writeMetadata(2, Snapshots.rich(2));

            storage.discardJobDirectory();

            assertThat(storage.jobDirectory()).doesNotExist();
            assertThat(checkpointsDir).isDirectory();
        }

        @Test
        void foreignFileKeepsTheJobDirectoryAndTheParentIsNeverDeleted() throws IOException {
            storage.initializeJobDirectories();
            storage.writeMetadata(1, Snapshots.rich(1));
            Path notes = Files.writeString(storage.jobDirectory().resolve("notes.txt"), "mine");
            Path foreignDir = Files.createDirectories(storage.jobDirectory().resolve("chk-backup"));
            Path otherJob = Files.createDirectories(checkpointsDir.resolve("other-job").resolve("chk-1"));

            storage.discardJobDirectory();

            assertThat(notes).hasContent("mine");
            assertThat(foreignDir).isDirectory();
            assertThat(storage.checkpointDirectory(1)).doesNotExist();
            assertThat(storage.sharedDirectory()).doesNotExist();
            assertThat(storage.taskOwnedDirectory()).doesNotExist();
            assertThat(otherJob).isDirectory();
            assertThat(checkpointsDir).isDirectory();
        }

        @Test
        void symlinkedCheckpointIsLeftAloneAndNeverFollowed(@TempDir Path outside) throws IOException {
            Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
            storage.initializeJobDirectories();
            Files.createSymbolicLink(storage.checkpointDirectory(3), outside);

            storage.discardJobDirectory();

            assertThat(precious).hasContent("keep me");
            assertThat(storage.checkpointDirectory(3)).isSymbolicLink();
            assertThat(storage.sharedDirectory()).doesNotExist();
        }

        @Test
        void missingJobDirectoryIsHarmless() {
            storage.discardJobDirectory();

            assertThat(checkpointsDir).isDirectory();
        }
    }

    /** A state chunk large enough to become a file; returns the file. */
    private Path writeStateFile(Path dir, String name) {
        storage.writeState(dir, name, new byte[64], false);
        return dir.resolve(name);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
