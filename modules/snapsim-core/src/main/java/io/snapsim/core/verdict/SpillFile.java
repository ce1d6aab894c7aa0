package io.snapsim.core.verdict;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One partition of output lines in a scratch file, written once by a {@link Writer} and then read
 * as {@link OutputLines}. A record is the line's position (when the file keeps positions) and its
 * UTF-8 bytes, each number as an unsigned LEB128 varint. Lines keep the order they were written in.
 * Confined to the comparison that created it.
 */
final class SpillFile implements OutputLines {
    private static final int WRITE_BUFFER = 8 * 1024;
    private static final int READ_BUFFER = 64 * 1024;

    private final Path path;
    private final boolean positions;
    private long size;

    private SpillFile(Path path, boolean positions) {
        this.path = path;
        this.positions = positions;
    }

    /**
     * Creates the file (it must not exist) and a writer for it.
     *
     * @param positions whether each line's position is kept; a reference partition needs none
     */
    static Writer create(Path path, boolean positions) throws IOException {
        SpillFile file = new SpillFile(path, positions);
        return file.new Writer(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW));
    }

    Path path() {
        return path;
    }

    /** Characters written plus one per line, as for the lines this partition came from. */
    @Override
    public long size() {
        return size;
    }

    @Override
    public Cursor open() throws IOException {
        return new Reader(new BufferedInputStream(Files.newInputStream(path), READ_BUFFER));
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /** Appends lines; closing it finishes the file. */
    final class Writer implements Closeable {
        private final OutputStream out;

        private Writer(OutputStream out) {
            this.out = new BufferedOutputStream(out, WRITE_BUFFER);
        }

        SpillFile file() {
            return SpillFile.this;
        }

        void write(long position, String line) throws IOException {
            if (positions) {
                writeVarLong(position);
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            writeVarLong(bytes.length);
            out.write(bytes);
            size += line.length() + 1;
        }

        private void writeVarLong(long value) throws IOException {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private final class Reader implements Cursor {
        private final InputStream in;
        private byte[] buffer = new byte[256];
        private String line;
        private long position = -1;

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean next() throws IOException {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            long value = readVarLong(first);
            position = positions ? value : position + 1;
            int length = (int) (positions ? readVarLong(in.read()) : value);
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            if (in.readNBytes(buffer, 0, length) != length) {
                throw new EOFException("truncated spill file " + path);
            }
            line = new String(buffer, 0, length, StandardCharsets.UTF_8);
            return true;
        }

        private long readVarLong(int first) throws IOException {
            long value = 0;
            int shift = 0;
            for (int b = first; ; b = in.read(), shift += 7) {
                if (b < 0) {
                    throw new EOFException("truncated spill file " + path);
                }
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
