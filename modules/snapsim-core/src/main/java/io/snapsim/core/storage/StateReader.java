package io.snapsim.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Reads the bytes behind a {@link StateHandle} on restore, checking them against the size and
 * CRC32 recorded at snapshot time, so a restore never proceeds from damaged state.
 *
 * <p>Relative handles resolve against the directory of the {@code _metadata} file that holds them,
 * which is what makes savepoints relocatable. A handle whose path leaves that directory is refused
 * (the same rule {@link MetadataFormat#read} applies), also when the handle was built in code.
 *
 * <p>Stateless; callable from any thread.
 */
public final class StateReader {

    private StateReader() {
    }

    /**
     * Returns the bytes of one state chunk.
     *
     * @param metadataFile the {@code _metadata} file the handle came from: the base of relative
     *                     paths, and named in error messages
     * @throws CheckpointFormatException when the file is missing, unreadable, has another size or
     *                                   checksum than recorded, or its path is unsafe
     */
    public static byte[] read(StateHandle handle, Path metadataFile) {
        Objects.requireNonNull(handle, "handle");
        Path metadata = metadataFile.toAbsolutePath().normalize();
        if (handle instanceof StateHandle.Inline inline) {
            return inline.bytes();
        }
        if (handle instanceof StateHandle.Native nat) {
            return nat.descriptor(); // the backend that wrote it reads and checks its files
        }
        StateHandle.File fileHandle = (StateHandle.File) handle;
        String unsafe = MetadataFormat.unsafePathReason(fileHandle);
        if (unsafe != null) {
            throw new CheckpointFormatException(metadata, unsafe + "; refusing to restore from it");
        }
        Path file = fileHandle.relative()
                ? metadata.getParent().resolve(fileHandle.path()).normalize()
                : Path.of(fileHandle.path());
        byte[] bytes;
        try {
            // Check the size before reading, so a wrong (for example huge) file is not loaded at all.
            long actualSize = Files.size(file);
            if (actualSize != fileHandle.size()) {
                throw CheckpointFormatException.stateFile(file, metadata, "corrupt (size mismatch: "
                        + actualSize + " bytes, expected " + fileHandle.size() + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CheckpointFormatException.stateFile(file, metadata, "missing");
        } catch (IOException e) {
            throw CheckpointFormatException.stateFile(file, metadata, "unreadable (" + e + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length != fileHandle.size() || crc.getValue() != fileHandle.crc32()) {
            throw CheckpointFormatException.stateFile(file, metadata, "corrupt (checksum mismatch)");
        }
        return bytes;
    }
}
