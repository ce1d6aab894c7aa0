package io.snapsim.rocksdb;

import io.snapsim.core.state.ValueCodec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A growable byte buffer with a {@link java.io.DataOutput} view, reset and reused from call to
 * call, so that encoding a key or a value allocates nothing once the buffer is large enough.
 * {@link #array()} exposes the backing array: only its first {@link #length()} bytes are valid, and
 * only until the next write.
 *
 * <p>Confined to one thread.
 */
final class ByteWriter extends OutputStream {
    private final DataOutputStream data = new DataOutputStream(this);
    private byte[] buffer;
    private int length;

    ByteWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    void reset() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return buffer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Appends a key group as two big-endian bytes, so that key groups sort in numeric order. */
    void writeKeyGroup(int keyGroup) {
        ensureCapacity(2);
        buffer[length++] = (byte) (keyGroup >>> 8);
        buffer[length++] = (byte) keyGroup;
    }

    void writeInt(int value) {
        ensureCapacity(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    /**
     * Appends the canonical {@link ValueCodec} encoding of {@code value}.
     *
     * @throws IllegalArgumentException if the codec cannot encode it; the buffer then holds a partial
     *     encoding and must be reset
     */
    void encode(Object value) {
        try {
            ValueCodec.write(data, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
    }

    @Override
    public void write(int b) {
        ensureCapacity(1);
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        ensureCapacity(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void ensureCapacity(int extra) {
        int needed = length + extra;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
