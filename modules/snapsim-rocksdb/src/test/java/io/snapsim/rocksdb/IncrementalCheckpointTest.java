package io.snapsim.rocksdb;

import static io.snapsim.rocksdb.TestStates.ALL;
import static io.snapsim.rocksdb.TestStates.COUNT;
import static io.snapsim.rocksdb.TestStates.MAX_P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.storage.FileChecks;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import io.snapsim.core.storage.SharedStateRegistry;
import io.snapsim.core.storage.SnapshotTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalCheckpointTest {
    private static final int KEYS = 20_000;

    @TempDir
    Path temporary;

    private Path jobDirectory;
    private final IncrementalUploader uploader = new IncrementalUploader("counter", 0);
    private final List<RocksDBKeyedStateBackend> backends = new ArrayList<>();
    private int created;

    @BeforeEach
    void createJobDirectory() {
        jobDirectory = temporary.resolve("job");
    }

    @AfterEach
    void closeBackends() {
        backends.forEach(RocksDBKeyedStateBackend::close);
    }

    private RocksDBKeyedStateBackend newBackend() {
        RocksDBKeyedStateBackend backend =
                new RocksDBKeyedStateBackend(temporary.resolve("instance-" + created++), ALL, MAX_P);
        backends.add(backend);
        return backend;
    }

    private RocksDBKeyedStateBackend filledBackend() {
        RocksDBKeyedStateBackend backend = newBackend();
        TestStates.fill(backend, KEYS);
        return backend;
    }

    private Path checkpointDirectory(long checkpointId) {
        return jobDirectory.resolve("chk-" + checkpointId);
    }

    /** The checkpoint's tree, as a restore from {@code chk-{checkpointId}/_metadata} sees it. */
    private SnapshotTree tree(long checkpointId) {
        return SnapshotTree.ofCheckpoint(checkpointDirectory(checkpointId));
    }

    private IncrementalStateHandle checkpoint(RocksDBKeyedStateBackend backend, long checkpointId) {
        return backend.incrementalCheckpoint(checkpointId, uploader, jobDirectory, checkpointDirectory(checkpointId));
    }

    private Path sharedFile(String key) {
        return IncrementalUploader.sharedDirectory(jobDirectory).resolve(key);
    }

    private static Set<String> keys(IncrementalStateHandle... handles) {
        Set<String> keys = new TreeSet<>();
        for (IncrementalStateHandle handle : handles) {
            keys.addAll(handle.sharedFileKeys());
        }
        return keys;
    }

    @Nested
    class Uploads {
        @Test
        void uploadsEverySstFileInTheFirstCheckpoint() throws IOException {
            IncrementalStateHandle first = checkpoint(filledBackend(), 1);

            assertThat(first.sharedFiles()).isNotEmpty().allSatisfy(file -> {
                assertThat(file.uploadedBy()).isEqualTo(1);
                assertThat(file.sharedKey()).isEqualTo("counter-0-1-" + file.sstName());
                assertThat(Files.size(sharedFile(file.sharedKey()))).isEqualTo(file.size());
            });
            assertThat(first.privateFiles()).extracting(PrivateFile::name)
                    .contains("CURRENT").anyMatch(name -> name.startsWith("MANIFEST-"))
                    .noneMatch(name -> name.endsWith(".sst"));
            for (PrivateFile file : first.privateFiles()) {
                assertThat(Files.size(checkpointDirectory(1).resolve("counter-0").resolve(file.name())))
                        .isEqualTo(file.size());
            }
            assertThat(first.checkpointedSize()).isEqualTo(first.fullSize()).isPositive();
        }

        @Test
        void uploadsMuchLessAfterUpdatingOnePercentOfTheKeysAndReferencesTheUnchangedFiles() {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle first = checkpoint(backend, 1);
            backend.notifyCheckpointComplete(1);
            TestStates.updateEvery(backend, KEYS, 100, 1);

            IncrementalStateHandle second = checkpoint(backend, 2);

            assertThat(second.checkpointedSize()).isLessThan(first.checkpointedSize() / 5);
            assertThat(second.sharedFiles()).containsAll(first.sharedFiles());
            assertThat(second.newSharedFileKeys()).isNotEmpty()
                    .allSatisfy(key -> assertThat(key).startsWith("counter-0-2-"));
            assertThat(second.fullSize()).isGreaterThan(first.fullSize());
        }

        @Test
        void aSavepointCompletingBeforeAPendingCheckpointDoesNotDropThatCheckpointsFiles() {
            RocksDBKeyedStateBackend backend = filledBackend();
            checkpoint(backend, 1);
            backend.notifyCheckpointComplete(1);
            TestStates.updateEvery(backend, KEYS, 100, 1);
            IncrementalStateHandle second = checkpoint(backend, 2);
            backend.notifyCheckpointComplete(3); // a savepoint this backend did not take natively
            backend.notifyCheckpointComplete(2);

            IncrementalStateHandle fourth = checkpoint(backend, 4);

            assertThat(fourth.sharedFiles()).as("based on 2, which completed after the savepoint")
                    .anyMatch(f -> f.uploadedBy() == 2)
                    .containsAll(second.sharedFiles().stream().filter(f -> f.uploadedBy() == 2).toList());
        }

        @Test
        void basesTheNextCheckpointOnTheLastCompletedOneNeverOnAnAbortedOne() {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle first = checkpoint(backend, 1);
            backend.notifyCheckpointComplete(1);
            TestStates.updateEvery(backend, KEYS, 100, 1);
            IncrementalStateHandle aborted = checkpoint(backend, 2);
            backend.notifyCheckpointAborted(2);
            TestStates.updateEvery(backend, KEYS, 100, 1);

            IncrementalStateHandle third = checkpoint(backend, 3);

            assertThat(third.sharedFiles()).extracting(SharedFile::uploadedBy).doesNotContain(2L);
            assertThat(third.sharedFiles()).containsAll(first.sharedFiles());
            assertThat(third.sharedFilesBySstName().keySet())
                    .containsAll(aborted.sharedFiles().stream().filter(f -> f.uploadedBy() == 2)
                            .map(SharedFile::sstName).toList());
        }

        @Test
        void copiesEveryFileIntoThePrivateDirectoryForAFullCheckpoint() {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle full = backend.fullCheckpoint(1, uploader, checkpointDirectory(1));
            backend.notifyCheckpointComplete(1);

            assertThat(full.sharedFiles()).isEmpty();
            assertThat(full.privateFiles()).extracting(PrivateFile::name).anyMatch(name -> name.endsWith(".sst"));
            assertThat(full.checkpointedSize()).isEqualTo(full.fullSize());
            assertThat(IncrementalUploader.sharedDirectory(jobDirectory)).doesNotExist();

            RocksDBKeyedStateBackend restored = newBackend();
            restored.restoreFromIncremental(full, tree(1));
            assertThat(restored.contents()).isEqualTo(backend.contents());
            IncrementalStateHandle next = checkpoint(backend, 2);
            assertThat(next.checkpointedSize()).isEqualTo(next.fullSize());
        }

        @Test
        void cleansUpItsScratchDirectoryAndRefusesAnExistingOne() throws IOException {
            RocksDBKeyedStateBackend backend = filledBackend();
            checkpoint(backend, 1);
            Path scratch = Files.createDirectories(temporary.resolve("scratch"));
            assertThatThrownBy(() -> backend.nativeCheckpoint(2, scratch))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already exists");
            NativeSnapshot snapshot = backend.nativeCheckpoint(2, temporary.resolve("fresh"));
            assertThat(snapshot.files()).anyMatch(NativeSnapshot.NativeFile::shareable);
            assertThat(snapshot.size()).isPositive();
            snapshot.discard();
            assertThat(temporary.resolve("fresh")).doesNotExist();
        }
    }

    @Nested
    class Restores {
        @Test
        void rebuildsTheSecondCheckpointInAFreshInstance() {
            RocksDBKeyedStateBackend backend = filledBackend();
            checkpoint(backend, 1);
            backend.notifyCheckpointComplete(1);
            TestStates.updateEvery(backend, KEYS, 100, 1);
            IncrementalStateHandle second = checkpoint(backend, 2);
            SortedMap<String, SortedMap<String, Object>> atSecond = backend.contents();
            TestStates.updateEvery(backend, KEYS, 3, 1000);

            RocksDBKeyedStateBackend restored = newBackend();
            restored.restoreFromIncremental(IncrementalStateHandle.fromBytes(second.toBytes()), tree(2));

            assertThat(restored.contents()).isEqualTo(atSecond);
            assertThat(restored.currentKey()).isNull();
            restored.setCurrentKey(100L);
            assertThat(restored.getValueState(COUNT).value()).isEqualTo(1001L);
            restored.getValueState(COUNT).update(5L);
            assertThat(restored.getValueState(COUNT).value()).isEqualTo(5L);
            for (SharedFile file : second.sharedFiles()) {
                assertThat(sharedFile(file.sharedKey())).hasSize(file.size());
            }
        }

        @Test
        void reusesTheRestoredFilesWhenItClaimsTheCheckpointAndUploadsAllAgainWhenItDoesNot() {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle first = checkpoint(backend, 1);

            RocksDBKeyedStateBackend claiming = newBackend();
            claiming.restoreFromIncremental(first, tree(1), ClaimMode.CLAIM);
            TestStates.updateEvery(claiming, KEYS, 100, 1);
            IncrementalStateHandle afterClaim = claiming.incrementalCheckpoint(
                    2, new IncrementalUploader("counter", 0), jobDirectory, checkpointDirectory(2));
            assertThat(afterClaim.sharedFiles()).containsAll(first.sharedFiles());
            assertThat(afterClaim.checkpointedSize()).isLessThan(first.checkpointedSize() / 5);

            RocksDBKeyedStateBackend notClaiming = newBackend();
            notClaiming.restoreFromIncremental(first, tree(1), ClaimMode.NO_CLAIM);
            IncrementalStateHandle afterNoClaim = notClaiming.incrementalCheckpoint(
                    3, new IncrementalUploader("counter", 0), jobDirectory, checkpointDirectory(3));
            assertThat(afterNoClaim.sharedFiles()).extracting(SharedFile::uploadedBy).containsOnly(3L);
        }

        @Test
        void failsNamingAMissingSharedFileAndLeavesTheBackendUnchanged() throws IOException {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle first = checkpoint(backend, 1);
            String missing = first.sharedFiles().get(0).sharedKey();
            Files.delete(sharedFile(missing));
            RocksDBKeyedStateBackend target = newBackend();
            target.setCurrentKey("kept");
            target.getValueState(COUNT).update(42L);

            assertThatThrownBy(() -> target.restoreFromIncremental(first, tree(1)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(missing)
                    .hasMessageContaining("missing")
                    .hasCauseInstanceOf(NoSuchFileException.class);
            assertThat(target.contents()).isEqualTo(java.util.Map.of("count", java.util.Map.of("kept", 42L)));
        }

        @Test
        void refusesACheckpointOfAnotherKeyGroupRangePointingToSavepoints() {
            IncrementalStateHandle first = checkpoint(filledBackend(), 1);
            RocksDBKeyedStateBackend half = new RocksDBKeyedStateBackend(
                    temporary.resolve("half"), KeyGroups.rangeForSubtask(MAX_P, 2, 0), MAX_P);
            backends.add(half);
            assertThatThrownBy(() -> half.restoreFromIncremental(first, tree(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another parallelism")
                    .hasMessageContaining("savepoint");
        }
    }

    @Test
    void deletesASharedFileOnlyWhenNoRetainedCheckpointReferencesIt() {
        SharedStateRegistry registry = new SharedStateRegistry();
        RocksDBKeyedStateBackend backend = filledBackend();
        IncrementalStateHandle first = complete(registry, backend, 1);
        TestStates.updateEvery(backend, KEYS, 100, 1);
        IncrementalStateHandle second = complete(registry, backend, 2);
        backend.compactAll();
        TestStates.updateEvery(backend, KEYS, 100, 1);
        IncrementalStateHandle third = complete(registry, backend, 3);
        SortedMap<String, SortedMap<String, Object>> atThird = backend.contents();

        List<String> afterReleasingFirst = registry.release(1); // retains 2 and 3
        assertThat(afterReleasingFirst).isEmpty();
        assertThat(keys(first)).allSatisfy(key -> assertThat(sharedFile(key)).exists());

        TestStates.updateEvery(backend, KEYS, 100, 1);
        IncrementalStateHandle fourth = complete(registry, backend, 4);
        List<String> afterReleasingSecond = registry.release(2); // retains 3 and 4
        Set<String> onlyInOlder = new TreeSet<>(keys(first, second));
        onlyInOlder.removeAll(keys(third, fourth));
        assertThat(afterReleasingSecond).isNotEmpty().containsExactlyElementsOf(onlyInOlder);
        for (String key : afterReleasingSecond) {
            assertThat(sharedFile(key).toFile().delete()).isTrue();
        }

        assertThat(keys(third, fourth)).allSatisfy(key -> assertThat(sharedFile(key)).exists());
        RocksDBKeyedStateBackend restored = newBackend();
        restored.restoreFromIncremental(third, tree(3));
        assertThat(restored.contents()).isEqualTo(atThird);
        Set<String> onlyInThird = new TreeSet<>(keys(third));
        onlyInThird.removeAll(keys(fourth));
        assertThat(registry.release(3)).containsExactlyElementsOf(onlyInThird);
        assertThat(registry.release(4)).containsExactlyElementsOf(keys(fourth));
        assertThat(registry.referencedFiles()).isEmpty();
    }

    private IncrementalStateHandle complete(SharedStateRegistry registry, RocksDBKeyedStateBackend backend, long id) {
        IncrementalStateHandle handle = checkpoint(backend, id);
        registry.registerHandles(id, List.of(handle));
        backend.notifyCheckpointComplete(id);
        return handle;
    }

    /**
     * A RocksDB handle names plain file names only, but the folders they resolve in may hold links:
     * whatever leads outside the checkpoint's folder and the job's {@code shared/} is refused
     * before it is read, even when the linked file is an exact copy.
     */
    @Nested
    class FilesOutsideTheCheckpoint {
        private Path outside;

        @BeforeEach
        void createOutside() throws IOException {
            outside = Files.createDirectories(temporary.resolve("outside"));
        }

        /** Moves {@code file} outside and leaves a link to it in its place. */
        private Path replaceByLinkToCopyOutside(Path file) throws IOException {
            Path moved = Files.move(file, outside.resolve(file.getFileName().toString()));
            Files.createSymbolicLink(file, moved);
            return moved;
        }

        @Test
        void aSharedFileThatIsALinkLeadingOutsideIsRefusedByVerificationAndRestore() throws IOException {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);
            Path file = sharedFile(handle.sharedFiles().get(0).sharedKey());
            Path moved = replaceByLinkToCopyOutside(file);

            assertThatThrownBy(() -> handle.verifyFiles(tree(1)))
                    .hasMessageContaining("RocksDB shared file '" + file + "' leads through a symbolic link to "
                            + moved.toRealPath() + ", outside the checkpoint");
            RocksDBKeyedStateBackend target = newBackend();
            assertThatThrownBy(() -> target.restoreFromIncremental(handle, tree(1)))
                    .hasMessageContaining("leads through a symbolic link");
        }

        @Test
        void aSharedFolderThatIsALinkLeadingOutsideIsRefused() throws IOException {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);
            Path shared = IncrementalUploader.sharedDirectory(jobDirectory);
            Path moved = Files.move(shared, outside.resolve("shared"));
            Files.createSymbolicLink(shared, moved);

            assertThatThrownBy(() -> handle.verifyFiles(tree(1)))
                    .hasMessageContaining("leads through a symbolic link to " + moved.toRealPath());
            RocksDBKeyedStateBackend target = newBackend();
            assertThatThrownBy(() -> target.restoreFromIncremental(handle, tree(1)))
                    .hasMessageContaining("leads through a symbolic link");
        }

        @Test
        void aPrivateFolderThatIsALinkLeadingOutsideIsRefused() throws IOException {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);
            Path privateFolder = checkpointDirectory(1).resolve(handle.privateDirectory());
            Files.move(privateFolder, outside.resolve("private"));
            Files.createSymbolicLink(privateFolder, outside.resolve("private"));

            assertThatThrownBy(() -> handle.verifyFiles(tree(1)))
                    .hasMessageContaining("RocksDB private file '"
                            + privateFolder.resolve(handle.privateFiles().get(0).name()) + "' leads through");
            RocksDBKeyedStateBackend target = newBackend();
            assertThatThrownBy(() -> target.restoreFromIncremental(handle, tree(1)))
                    .hasMessageContaining("leads through a symbolic link");
        }

        @Test
        void aJobFolderReachedThroughALinkStillRestores() throws IOException {
            RocksDBKeyedStateBackend backend = filledBackend();
            IncrementalStateHandle handle = checkpoint(backend, 1);
            Path link = Files.createSymbolicLink(temporary.resolve("linked-job"), jobDirectory);

            handle.verifyFiles(SnapshotTree.ofCheckpoint(link.resolve("chk-1")));
            RocksDBKeyedStateBackend restored = newBackend();
            restored.restoreFromIncremental(handle, SnapshotTree.ofCheckpoint(link.resolve("chk-1")));
            assertThat(restored.contents()).isEqualTo(backend.contents());
        }
    }

    @Nested
    class Verification {
        @Test
        void recordsAChecksumOfEveryFileAndAnIntactCheckpointVerifies() {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);

            assertThat(handle.sharedFiles()).allSatisfy(f -> assertThat(f.crc32())
                    .isEqualTo(FileChecks.crc32(sharedFile(f.sharedKey()))));
            assertThat(handle.privateFiles()).allSatisfy(f -> assertThat(f.crc32()).isNotEqualTo(IncrementalStateHandle.NO_CHECKSUM));
            handle.verifyFiles(tree(1));
            assertThat(IncrementalStateHandle.fromStateHandle(handle.toStateHandle())).isEqualTo(handle);
        }

        @Test
        void aFlippedByteInASharedFileIsAChecksumMismatchNamingTheFile() throws IOException {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);
            Path file = sharedFile(handle.sharedFiles().get(0).sharedKey());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(file, bytes);

            assertThatThrownBy(() -> handle.verifyFiles(tree(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("RocksDB shared file " + file + " of checkpoint 1 is corrupt (checksum mismatch)");
        }

        @Test
        void aMissingPrivateFileIsNamed() throws IOException {
            IncrementalStateHandle handle = checkpoint(filledBackend(), 1);
            Path file = checkpointDirectory(1).resolve("counter-0").resolve("CURRENT");
            Files.delete(file);

            assertThatThrownBy(() -> handle.verifyFiles(tree(1)))
                    .hasMessage("RocksDB file " + file + " of checkpoint 1 is missing");
        }

        @Test
        void theUploadRunsOnAnotherThreadWhileTheBackendIsWrittenAgain() throws Exception {
            RocksDBKeyedStateBackend backend = filledBackend();
            NativeCheckpointUpload upload = backend.startNativeCheckpoint(1, true, uploader);
            TestStates.updateEvery(backend, KEYS, 1, 7); // every key changes after the synchronous part
            var future = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> upload.upload(jobDirectory, checkpointDirectory(1)));
            IncrementalStateHandle handle = future.get();
            backend.nativeCheckpointUploaded(handle);

            RocksDBKeyedStateBackend restored = newBackend();
            restored.restoreFromIncremental(handle, tree(1));
            RocksDBKeyedStateBackend expected = filledBackend();
            assertThat(restored.contents()).as("the state as of the synchronous part").isEqualTo(expected.contents());
            assertThat(temporary.resolve("instance-0").resolve("native")).as("the local native checkpoint is gone")
                    .isEmptyDirectory();
        }
    }
}
