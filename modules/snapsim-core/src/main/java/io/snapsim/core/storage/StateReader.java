package io.snapsim.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Reads the bytes behind a {@link StateHandle} on restore, checking them against the size and
 * CRC32 recorded at snapshot time, so a restore never proceeds from damaged state.
 *
 * <p>Relative handles resolve against the snapshot's folder, which is what makes savepoints
 * relocatable. Before a file is opened its path is checked against the {@link SnapshotTree} (the
 * same rule {@link MetadataFormat#read} applies), also when the handle was built in code, and the
 * file is opened by the real path that check found, so a link swapped in after the metadata was
 * read is refused too.
 *
 * <p>Stateless; callable from any thread.
 */
public final class StateReader {

    private StateReader() {
    }

    /**
     * Returns the bytes of one state chunk.
     *
     * @param snapshot the tree of the {@code _metadata} file the handle came from: the base of
     *                 relative paths, the folders the file may lie in, and named in error messages
     * @throws CheckpointFormatException when the file is missing, unreadable, has another size or
     *                                   checksum than recorded, or its path leads outside the tree
     */
    public static byte[] read(StateHandle handle, SnapshotTree snapshot) {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(snapshot, "snapshot");
        if (handle instanceof StateHandle.Inline inline) {
            return inline.bytes();
        }
        if (handle instanceof StateHandle.Native nat) {
            return nat.descriptor(); // the backend that wrote it reads and checks its files
        }
        StateHandle.File fileHandle = (StateHandle.File) handle;
        Path real = snapshot.locate(fileHandle, null);
        Path file = fileHandle.relative()
                ? snapshot.folder().resolve(fileHandle.path()).normalize()
                : Path.of(fileHandle.path());
        byte[] bytes = readChecked(real, file, fileHandle.size(), snapshot.metadataFile());
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length != fileHandle.size() || crc.getValue() != fileHandle.crc32()) {
            throw CheckpointFormatException.stateFile(file, snapshot.metadataFile(), "corrupt (checksum mismatch)");
        }
        return bytes;
    }

    /** Reads {@code real}, refusing a file of another size than expected; messages name {@code file}. */
    private static byte[] readChecked(Path real, Path file, long expectedSize, Path metadata) {
        try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // Check the size before reading, so a wrong (for example huge) file is not loaded at all.
            long actualSize = channel.size();
            if (actualSize != expectedSize) {
                throw CheckpointFormatException.stateFile(file, metadata, "corrupt (size mismatch: "
                        + actualSize + " bytes, expected " + expectedSize + ")");
            }
            if (actualSize > Integer.MAX_VALUE - 8) {
                throw CheckpointFormatException.stateFile(file, metadata, "too large to restore (" + actualSize + " bytes)");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) actualSize);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // keep reading until the buffer is full or the file ends
            }
            return bytes.hasRemaining() ? Arrays.copyOf(bytes.array(), bytes.position()) : bytes.array();
        } catch (NoSuchFileException e) {
            throw CheckpointFormatException.stateFile(file, metadata, "missing");
        } catch (IOException e) {
            throw CheckpointFormatException.stateFile(file, metadata, "unreadable (" + e + ")");
        }
    }
}
