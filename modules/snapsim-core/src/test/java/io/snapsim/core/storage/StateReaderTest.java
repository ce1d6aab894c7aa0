package io.snapsim.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateReaderTest {

    private static final byte[] STATE = "counts: a=3 b=5 c=8 -- large enough for a file".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private FsCheckpointStorage storage() {
        return new FsCheckpointStorage(tmp.resolve("checkpoints"), Snapshots.JOB_ID, 8);
    }

    @Test
    void inlineHandleReturnsItsBytes() {
        assertThat(read(Snapshots.inline("tiny"), tmp.resolve("_metadata"))).asString().isEqualTo("tiny");
    }

    @Test
    void absoluteHandleReadsBackWhatWasWritten() {
        FsCheckpointStorage storage = storage();
        StateHandle handle = storage.writeState(storage.checkpointDirectory(1), "op-1-0-keyed", STATE, false);
        Path metadata = storage.writeMetadata(1, Snapshots.withHandle(1, handle));

        assertThat(read(handle, metadata)).isEqualTo(STATE);
    }

    @Test
    void relativeHandleResolvesAfterTheWholeDirectoryMoved() throws IOException {
        Path savepoint = tmp.resolve("savepoints").resolve("savepoint-a1b2c3-0123456789ab");
        StateHandle handle = storage().writeState(savepoint, "op-1-0-keyed", STATE, true);
        MetadataFormat.write(savepoint, Snapshots.withHandle(1, handle));

        Path moved = Files.createDirectories(tmp.resolve("elsewhere/deeper")).resolve("renamed-savepoint");
        Files.move(savepoint, moved);

        Path metadata = moved.resolve("_metadata");
        CheckpointMetadata md = MetadataFormat.read(metadata);
        StateHandle restored = md.operators().get(0).subtasks().get(0).keyedState();
        assertThat(md.isSelfContained()).isTrue();
        assertThat(read(restored, metadata)).isEqualTo(STATE);
    }

    @Test
    void missingStateFileNamesTheStateFileAndTheMetadataFile() throws IOException {
        FsCheckpointStorage storage = storage();
        Path chk = storage.checkpointDirectory(3);
        StateHandle handle = storage.writeState(chk, "op-1-keyed", STATE, false);
        Path metadata = storage.writeMetadata(3, Snapshots.withHandle(3, handle));
        Files.delete(chk.resolve("op-1-keyed"));

        assertThatThrownBy(() -> read(handle, metadata))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessage("state file " + chk.resolve("op-1-keyed") + " referenced by " + metadata + " is missing");
    }

    @Test
    void stateFileWithAFlippedByteIsCorrupt() throws IOException {
        Path dir = tmp.resolve("sp");
        StateHandle handle = storage().writeState(dir, "op-1-keyed", STATE, true);
        byte[] damaged = STATE.clone();
        damaged[5] ^= 0x20;
        Files.write(dir.resolve("op-1-keyed"), damaged);

        assertThatThrownBy(() -> read(handle, dir.resolve("_metadata")))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessage("state file " + dir.resolve("op-1-keyed") + " referenced by " + dir.resolve("_metadata")
                        + " is corrupt (checksum mismatch)");
    }

    @Test
    void stateFileOfAnotherSizeIsCorrupt() throws IOException {
        Path dir = tmp.resolve("sp");
        StateHandle handle = storage().writeState(dir, "op-1-keyed", STATE, true);
        Files.write(dir.resolve("op-1-keyed"), new byte[3]);

        assertThatThrownBy(() -> read(handle, dir.resolve("_metadata")))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining(dir.resolve("op-1-keyed").toString())
                .hasMessageContaining("is corrupt (size mismatch: 3 bytes, expected " + STATE.length + ")");
    }

    @Test
    void handleBuiltInCodeThatClimbsOutIsRefused() {
        StateHandle.File escaping = new StateHandle.File("../../secret", true, 1, 0);

        assertThatThrownBy(() -> read(escaping, tmp.resolve("sp/_metadata")))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("escapes the snapshot directory");
    }

    /** Reads as a restore does: through the tree of the metadata file. */
    private static byte[] read(StateHandle handle, Path metadataFile) {
        return StateReader.read(handle, SnapshotTree.of(metadataFile, SnapshotKind.SAVEPOINT));
    }
}
