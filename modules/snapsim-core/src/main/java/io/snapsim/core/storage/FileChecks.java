package io.snapsim.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Checks on the files a state handle names: plain names, sizes and checksums. Shared by the
 * handles in this package and the state backends that write the files. Stateless.
 */
public final class FileChecks {
    private FileChecks() {
    }

    /** Whether {@code name} is a plain file name: not empty, no separator, not "." or "..". */
    public static boolean isPlainFileName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** The size of {@code file} in bytes. */
    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /** The CRC-32 of a file's content. */
    public static long crc32(Path file) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return crc.getValue();
    }
}
