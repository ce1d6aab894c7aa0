package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.state.KeyGroupRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataFormatTest {

    @TempDir
    Path tmp;

    @Nested
    class RoundTrip {

        @Test
        void richMetadataSurvivesSerializeAndDeserialize() {
            CheckpointMetadata md = Snapshots.rich(7);

            CheckpointMetadata back = MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("/x/_metadata"));

            assertThat(back).isEqualTo(md);
            assertThat(back.operators()).hasSize(3);
            assertThat(back.operators().get(0).subtasks().get(0).sourcePositions())
                    .containsEntry("split-0", 120L).containsEntry("split-2", 7L);
            assertThat(back.operators().get(1).subtasks().get(2).keyedState().size()).isEqualTo(1L << 33);
            assertThat(back.isSelfContained()).isFalse();
        }

        @Test
        void richMetadataSurvivesWriteAndRead() {
            CheckpointMetadata md = Snapshots.rich(tmp, 3);
            Path dir = tmp.resolve("chk-3");

            MetadataFormat.write(dir, md);

            assertThat(MetadataFormat.read(dir.resolve("_metadata"))).isEqualTo(md);
        }

        @Test
        void fileStartsWithMagicAndVersion() {
            ByteBuffer header = ByteBuffer.wrap(MetadataFormat.serialize(Snapshots.rich(1)));

            assertThat(header.getInt()).isEqualTo(MetadataFormat.MAGIC);
            assertThat(header.getInt()).isEqualTo(MetadataFormat.VERSION);
            assertThat(new String(MetadataFormat.serialize(Snapshots.rich(1)), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SNAP");
        }

        @Test
        void nativeHandleRoundTripsWithBothSizes() {
            StateHandle.Native handle = new StateHandle.Native("rocksdb-native", new byte[] {9, 8, 7}, 100, 4_000);
            CheckpointMetadata md = Snapshots.withHandle(5, handle);

            CheckpointMetadata back = MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("m"));

            assertThat(back).isEqualTo(md);
            assertThat(back.stateSize()).isEqualTo(4_000);
            assertThat(back.checkpointedSize()).isEqualTo(100);
            assertThat(back.nativeKeyedFormat()).contains("rocksdb-native");
            assertThat(back.hasCanonicalKeyedState()).isFalse();
            assertThat(back.isSelfContained()).isFalse();
        }

        @Test
        void aVersionOneFileStillReads() {
            CheckpointMetadata md = Snapshots.withHandle(2, new StateHandle.Inline(new byte[] {1, 2}));

            assertThat(MetadataFormat.deserialize(olderVersion(md, 1), Path.of("m"))).isEqualTo(md);
        }

        @Test
        void aVersionTwoFileStillReadsWithoutExternalLocations() {
            CheckpointMetadata md = Snapshots.withHandle(2, new StateHandle.Native("rocksdb-native", new byte[] {3}, 1, 2));

            CheckpointMetadata back = MetadataFormat.deserialize(olderVersion(md, 2), Path.of("m"));

            assertThat(back).isEqualTo(md);
            assertThat(back.operators().get(0).subtasks().get(0).externalLocation()).isNull();
        }

        @Test
        void anExternalLocationRoundTrips() {
            OperatorStateSnapshot op = new OperatorStateSnapshot("sink", "sink", 1, 1, List.of(
                    new SubtaskStateSnapshot(0, new KeyGroupRange(0, 0), null, null, Map.of(), "output/sink-0")));
            CheckpointMetadata md = new CheckpointMetadata(Snapshots.JOB_ID, 4, 10, 20, SnapshotKind.CHECKPOINT, null, List.of(op));

            CheckpointMetadata back = MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("m"));

            assertThat(back.operators().get(0).subtasks().get(0).externalLocation()).isEqualTo("output/sink-0");
        }

        /**
         * The bytes an older snapsim wrote for {@code md}, which has a single subtask and no
         * external location: version 3 appended that location (a null string, int -1) to the last
         * subtask, versions 1 and 2 lack it and differ from each other only in the handle tags a
         * version 1 file never uses.
         */
        private byte[] olderVersion(CheckpointMetadata md, int version) {
            ByteBuffer current = ByteBuffer.wrap(MetadataFormat.serialize(md));
            int payloadLength = current.getInt(8);
            assertThat(current.getInt(12 + payloadLength - 4)).as("the null external location").isEqualTo(-1);
            byte[] payload = Arrays.copyOfRange(current.array(), 12, 12 + payloadLength - 4);
            CRC32 crc = new CRC32();
            crc.update(payload);
            return ByteBuffer.allocate(12 + payload.length + 8)
                    .putInt(current.getInt(0)).putInt(version).putInt(payload.length).put(payload).putLong(crc.getValue())
                    .array();
        }

        @Test
        void nullRetentionAndNameAndHandlesRoundTrip() {
            CheckpointMetadata md = Snapshots.withHandle(2, null);

            assertThat(MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("m"))).isEqualTo(md);
        }
    }

    @Nested
    class AtomicWrite {

        @Test
        void writeLeavesOnlyTheMetadataFileBehind() throws IOException {
            Path dir = tmp.resolve("chk-1");

            MetadataFormat.write(dir, Snapshots.rich(1));

            assertThat(names(dir)).containsExactly("_metadata");
        }

        @Test
        void staleHalfWrittenTemporaryIsNeitherReadNorLeftAfterTheNextWrite() throws IOException {
            // What a crash in the middle of a write leaves: a temporary, never a _metadata.
            Path dir = Files.createDirectories(tmp.resolve(Snapshots.JOB_ID).resolve("chk-4"));
            byte[] full = MetadataFormat.serialize(Snapshots.rich(4));
            Files.write(dir.resolve("._metadata.inprogress"), Arrays.copyOf(full, full.length / 2));
            FsCheckpointStorage storage = new FsCheckpointStorage(tmp, Snapshots.JOB_ID, 0);

            assertThat(storage.checkpointIdsOnDisk()).isEmpty();
            assertThatThrownBy(() -> StoragePaths.resolveMetadataFile(dir.toString()))
                    .isInstanceOf(CheckpointFormatException.class);

            storage.writeMetadata(4, Snapshots.rich(4));

            assertThat(names(dir)).containsExactly("_metadata");
            assertThat(storage.checkpointIdsOnDisk()).containsExactly(4L);
        }

        @Test
        void existingMetadataIsNeverOverwritten() {
            Path dir = tmp.resolve("chk-2");
            MetadataFormat.write(dir, Snapshots.rich(tmp, 2));

            assertThatThrownBy(() -> MetadataFormat.write(dir, Snapshots.withHandle(2, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.resolve("_metadata").toString());
            assertThat(MetadataFormat.read(dir.resolve("_metadata"))).isEqualTo(Snapshots.rich(tmp, 2));
        }
    }

    @Nested
    class Corruption {

        private Path writeThenMangle(java.util.function.UnaryOperator<byte[]> mangle) throws IOException {
            Path file = tmp.resolve("chk-9").resolve("_metadata");
            Files.createDirectories(file.getParent());
            Files.write(file, mangle.apply(MetadataFormat.serialize(Snapshots.rich(9))));
            return file;
        }

        @Test
        void missingFileNamesThePath() {
            Path file = tmp.resolve("chk-1/_metadata");

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("does not exist");
        }

        @Test
        void truncatedFileIsReportedAsTruncated() throws IOException {
            Path file = writeThenMangle(b -> Arrays.copyOf(b, b.length - 5));

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("truncated");
        }

        @Test
        void fileCutInsideTheHeaderIsReportedAsTruncated() throws IOException {
            Path file = writeThenMangle(b -> Arrays.copyOf(b, 6));

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("truncated");
        }

        @Test
        void tinyAndEmptyFilesAreTooShort() throws IOException {
            Path tiny = writeThenMangle(b -> Arrays.copyOf(b, 2));
            assertThatThrownBy(() -> MetadataFormat.read(tiny))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(tiny.toString())
                    .hasMessageContaining("too short");

            Path empty = writeThenMangle(b -> new byte[0]);
            assertThatThrownBy(() -> MetadataFormat.read(empty))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void flippedPayloadByteIsAChecksumMismatch() throws IOException {
            Path file = writeThenMangle(b -> {
                b[b.length / 2] ^= 0x01;
                return b;
            });

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessage(file + ": checksum mismatch: the file is corrupt");
        }

        @Test
        void flippedChecksumByteIsAChecksumMismatch() throws IOException {
            Path file = writeThenMangle(b -> {
                b[b.length - 1] ^= (byte) 0x80;
                return b;
            });

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .hasMessageContaining("checksum mismatch");
        }

        @Test
        void wrongMagicIsNotASnapsimFile() throws IOException {
            Path file = writeThenMangle(b -> "{\"this is\": \"json, not a snapshot\"}".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not a snapsim metadata file");
        }

        @Test
        void futureVersionIsNotSupported() throws IOException {
            Path file = writeThenMangle(b -> {
                ByteBuffer.wrap(b).putInt(4, 7);
                return b;
            });

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessage(file + ": format version 7 is not supported; this snapsim reads versions 1 to 3");
        }

        @Test
        void trailingBytesAreCorruption() throws IOException {
            Path file = writeThenMangle(b -> Arrays.copyOf(b, b.length + 3));

            assertThatThrownBy(() -> MetadataFormat.read(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("3 unexpected bytes after the checksum");
        }

        @Test
        void malformedPayloadWithAValidChecksumIsRefusedWithoutHugeAllocation() {
            // A job id claiming 2 GB: the reader must notice it cannot fit rather than allocate it.
            byte[] payload = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(payload);
            byte[] file = ByteBuffer.allocate(12 + payload.length + 8)
                    .putInt(MetadataFormat.MAGIC).putInt(MetadataFormat.VERSION).putInt(payload.length)
                    .put(payload).putLong(crc.getValue()).array();

            assertThatThrownBy(() -> MetadataFormat.deserialize(file, Path.of("/x/chk-1/_metadata")))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageStartingWith("/x/chk-1/_metadata: malformed metadata payload")
                    .hasMessageContaining("job id has impossible length");
        }

        @Test
        void directoryInsteadOfFileIsRefused() {
            assertThatThrownBy(() -> MetadataFormat.read(tmp))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining("is a directory");
        }
    }

    @Nested
    class PathsOutsideTheSnapshot {

        private CheckpointFormatException readBack(StateHandle.File handle) {
            Path dir = tmp.resolve("sp");
            MetadataFormat.write(dir, Snapshots.withHandle(1, handle));
            Path file = dir.resolve("_metadata");
            try {
                MetadataFormat.read(file);
            } catch (CheckpointFormatException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
                return e;
            }
            throw new AssertionError("expected a CheckpointFormatException");
        }

        @Test
        void relativePathClimbingOutIsRefused() {
            CheckpointFormatException e = readBack(new StateHandle.File("../../etc/passwd", true, 1, 0));

            assertThat(e).hasMessageContaining("'../../etc/passwd' escapes the snapshot directory");
        }

        @Test
        void relativePathWithInnerDotDotIsRefused() {
            CheckpointFormatException e = readBack(new StateHandle.File("data/../../x", true, 1, 0));

            assertThat(e).hasMessageContaining("escapes the snapshot directory");
        }

        @Test
        void absolutePathWithDotDotSegmentsIsRefused() {
            CheckpointFormatException e = readBack(new StateHandle.File("/cp/job/chk-1/../../../etc/shadow", false, 1, 0));

            assertThat(e).hasMessageContaining("contains '..' segments");
        }

        @Test
        void relativeHandleWithAnAbsolutePathIsRefused() {
            CheckpointFormatException e = readBack(new StateHandle.File("/etc/passwd", true, 1, 0));

            assertThat(e).hasMessageContaining("is absolute");
        }

        @Test
        void namesThatMerelyContainDotsAreFine() {
            CheckpointMetadata md = Snapshots.withHandle(1, new StateHandle.File("op..1...keyed", true, 1, 0));

            assertThat(MetadataFormat.deserialize(MetadataFormat.serialize(md), Path.of("m"))).isEqualTo(md);
        }
    }

    @Test
    void unpairedSurrogateInANameIsRefusedOnWrite() {
        CheckpointMetadata md = new CheckpointMetadata("job\uD800", 1, 0, 0, SnapshotKind.CHECKPOINT, null, List.of());

        assertThatThrownBy(() -> MetadataFormat.serialize(md))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job id");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
