package io.snapsim.rocksdb;

import io.snapsim.core.state.ValueCodec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes {@link ValueCodec} values from a slice of a byte array, repointed with {@link #reset}
 * instead of being allocated per value, and telling how far decoding got, which is how a composite
 * key is split into its key and its map key.
 *
 * <p>Confined to one thread.
 */
final class ByteReader extends InputStream {
    private final DataInputStream data = new DataInputStream(this);
    private byte[] buffer = new byte[0];
    private int position;
    private int end;

    void reset(byte[] bytes, int offset, int length) {
        buffer = bytes;
        position = offset;
        end = offset + length;
    }

    /** The index in the array of the next unread byte. */
    int position() {
        return position;
    }

    boolean hasMore() {
        return position < end;
    }

    /**
     * Decodes the next value of the named state (the name is only for the error message).
     *
     * @throws IllegalStateException if the bytes are not a well-formed value: stored state is
     *     written only by this module, so this means the database is corrupt
     */
    Object decode(String stateName) {
        try {
            return ValueCodec.read(data);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt RocksDB data of state '" + stateName + "': " + e.getMessage(), e);
        }
    }

    @Override
    public int read() {
        return position < end ? buffer[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        int available = end - position;
        if (available <= 0) {
            return -1;
        }
        int n = Math.min(count, available);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long count) {
        long n = Math.max(0, Math.min(count, end - position));
        position += (int) n;
        return n;
    }

    @Override
    public int available() {
        return end - position;
    }
}
