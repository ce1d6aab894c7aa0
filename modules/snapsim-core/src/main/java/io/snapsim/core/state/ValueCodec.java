package io.snapsim.core.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical, backend-independent encoding of state keys and state values, used by keyed state
 * snapshots so that any state backend can read what any other wrote.
 *
 * <p>Every value is a one-byte tag followed by its payload; all numbers are big-endian:
 * <ul>
 *   <li>{@code null}; {@code Boolean} as two tags (false, true);
 *   <li>{@code Integer} (4 bytes), {@code Long} (8 bytes), {@code Double} (8 bytes, IEEE 754);
 *   <li>{@code String}: byte length (int), then the chars in Java's modified UTF-8 (like
 *       {@link DataOutput#writeUTF} but without its 64 KB limit), so that every string, even one
 *       with unpaired surrogates, comes back unchanged;
 *   <li>{@code byte[]}: length (int), then the bytes;
 *   <li>any {@link List}: element count (int), then the elements; read back as an {@link ArrayList};
 *   <li>any {@link Map}: entry count (int), then key and value per entry in the map's iteration order
 *       (insertion order for a {@link LinkedHashMap}, sorted for a {@link java.util.TreeMap}); read
 *       back as a {@link LinkedHashMap} in that order;
 *   <li>any other {@link Serializable}: byte length (int), then its Java serialization.
 * </ul>
 * Anything else is refused with an {@link IllegalArgumentException} naming its class. The boxed
 * types keep their identity: an {@code Integer} is never read back as a {@code Long}.
 *
 * <p>Reading is defensive: a bad tag, a negative length, a truncated payload or nesting deeper
 * than {@value #MAX_DEPTH} levels is an {@link IOException}, never a huge allocation or a stack
 * overflow. The serialized fallback, however, runs Java deserialization, so snapshot bytes must
 * come from a trusted source.
 *
 * <p>Stateless and pure; safe to call from any thread.
 */
public final class ValueCodec {
    /** Deepest nesting of lists and maps accepted, so that a cycle or corrupt bytes fail cleanly. */
    public static final int MAX_DEPTH = 256;

    private static final int TAG_NULL = 0;
    private static final int TAG_FALSE = 1;
    private static final int TAG_TRUE = 2;
    private static final int TAG_INT = 3;
    private static final int TAG_LONG = 4;
    private static final int TAG_DOUBLE = 5;
    private static final int TAG_STRING = 6;
    private static final int TAG_BYTES = 7;
    private static final int TAG_LIST = 8;
    private static final int TAG_MAP = 9;
    private static final int TAG_SERIALIZED = 10;

    /** Lengths above this are read in chunks, so that a corrupt length hits end of input, not memory. */
    private static final int DIRECT_READ_LIMIT = 1 << 16;
    private static final int INITIAL_CAPACITY_LIMIT = 1024;

    private ValueCodec() {}

    /**
     * Writes {@code value} in the canonical encoding.
     *
     * @throws IllegalArgumentException if {@code value}, or something nested in it, has an
     *     unsupported class, fails Java serialization, or nests deeper than {@value #MAX_DEPTH}
     */
    public static void write(DataOutput out, Object value) throws IOException {
        writeValue(out, value, 0);
    }

    /**
     * Reads one value written by {@link #write}.
     *
     * @throws IOException if the bytes are truncated or malformed
     */
    public static Object read(DataInput in) throws IOException {
        return readValue(in, 0);
    }

    /** The canonical encoding of {@code value} as a byte array; see {@link #write}. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(new DataOutputStream(bytes), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to a byte array", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a byte array made by {@link #toBytes}.
     *
     * @throws IllegalArgumentException {@code "corrupt value bytes: ..."} if the bytes are not
     *     exactly one well-formed value
     */
    public static Object fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("corrupt value bytes: null");
        }
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        Object value;
        try {
            value = read(new DataInputStream(stream));
        } catch (EOFException e) {
            throw new IllegalArgumentException("corrupt value bytes: truncated after " + bytes.length + " bytes", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt value bytes: " + e.getMessage(), e);
        }
        if (stream.available() > 0) {
            throw new IllegalArgumentException("corrupt value bytes: " + stream.available()
                    + " trailing bytes after a complete value of " + (bytes.length - stream.available()) + " bytes");
        }
        return value;
    }

    /**
     * Writes a map with its entries ordered by their encoded keys, so that two equal maps give the
     * same bytes whatever their class or history. Read back with {@link #read} like any map.
     */
    static void writeMapSortedByEncodedKey(DataOutput out, Map<?, ?> map) throws IOException {
        record Encoded(byte[] key, Object value) {}
        List<Encoded> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            entries.add(new Encoded(toBytes(entry.getKey()), entry.getValue()));
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        out.writeByte(TAG_MAP);
        out.writeInt(entries.size());
        for (Encoded entry : entries) {
            out.write(entry.key());
            writeValue(out, entry.value(), 1);
        }
    }

    /** Writes a string without a tag: byte length, then modified UTF-8. */
    static void writeString(DataOutput out, String value) throws IOException {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            length += encodedLength(value.charAt(i));
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[at++] = (byte) c;
            } else if (c <= 0x07FF) {
                bytes[at++] = (byte) (0xC0 | (c >> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[at++] = (byte) (0xE0 | (c >> 12));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.writeInt(length);
        out.write(bytes);
    }

    /** Reads a string written by {@link #writeString}. */
    static String readString(DataInput in) throws IOException {
        byte[] bytes = readBytes(in, readLength(in, "string"));
        char[] chars = new char[bytes.length];
        int count = 0;
        int at = 0;
        while (at < bytes.length) {
            int b = bytes[at] & 0xFF;
            if (b >= 0x01 && b <= 0x7F) {
                chars[count++] = (char) b;
                at += 1;
            } else if ((b & 0xE0) == 0xC0) {
                int b2 = continuation(bytes, at + 1);
                chars[count++] = (char) (((b & 0x1F) << 6) | b2);
                at += 2;
            } else if ((b & 0xF0) == 0xE0) {
                int b2 = continuation(bytes, at + 1);
                int b3 = continuation(bytes, at + 2);
                chars[count++] = (char) (((b & 0x0F) << 12) | (b2 << 6) | b3);
                at += 3;
            } else {
                throw new IOException("malformed string: bad byte 0x" + Integer.toHexString(b) + " at " + at);
            }
        }
        return new String(chars, 0, count);
    }

    private static int encodedLength(char c) {
        if (c >= 0x0001 && c <= 0x007F) {
            return 1;
        }
        return c <= 0x07FF ? 2 : 3;
    }

    private static int continuation(byte[] bytes, int at) throws IOException {
        if (at >= bytes.length || (bytes[at] & 0xC0) != 0x80) {
            throw new IOException("malformed string: missing continuation byte at " + at);
        }
        return bytes[at] & 0x3F;
    }

    private static void writeValue(DataOutput out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "value nests lists or maps deeper than " + MAX_DEPTH + " levels (does it contain itself?)");
        }
        if (value == null) {
            out.writeByte(TAG_NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TAG_TRUE : TAG_FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(TAG_INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(TAG_LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(TAG_DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(TAG_STRING);
            writeString(out, s);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(TAG_BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof List<?> list) {
            out.writeByte(TAG_LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeValue(out, element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(TAG_MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeValue(out, entry.getKey(), depth + 1);
                writeValue(out, entry.getValue(), depth + 1);
            }
        } else if (value instanceof Serializable) {
            byte[] serialized = javaSerialize(value);
            out.writeByte(TAG_SERIALIZED);
            out.writeInt(serialized.length);
            out.write(serialized);
        } else {
            throw new IllegalArgumentException("cannot encode a value of class " + value.getClass().getName()
                    + ": it is none of null, Boolean, Integer, Long, Double, String, byte[], List, Map,"
                    + " and not Serializable");
        }
    }

    private static Object readValue(DataInput in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("lists or maps nested deeper than " + MAX_DEPTH + " levels");
        }
        int tag = in.readUnsignedByte();
        switch (tag) {
            case TAG_NULL:
                return null;
            case TAG_FALSE:
                return Boolean.FALSE;
            case TAG_TRUE:
                return Boolean.TRUE;
            case TAG_INT:
                return in.readInt();
            case TAG_LONG:
                return in.readLong();
            case TAG_DOUBLE:
                return in.readDouble();
            case TAG_STRING:
                return readString(in);
            case TAG_BYTES:
                return readBytes(in, readLength(in, "byte array"));
            case TAG_LIST:
                return readList(in, depth);
            case TAG_MAP:
                return readMap(in, depth);
            case TAG_SERIALIZED:
                return javaDeserialize(readBytes(in, readLength(in, "serialized object")));
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private static List<Object> readList(DataInput in, int depth) throws IOException {
        int size = readLength(in, "list");
        List<Object> list = new ArrayList<>(Math.min(size, INITIAL_CAPACITY_LIMIT));
        for (int i = 0; i < size; i++) {
            list.add(readValue(in, depth + 1));
        }
        return list;
    }

    private static Map<Object, Object> readMap(DataInput in, int depth) throws IOException {
        int size = readLength(in, "map");
        Map<Object, Object> map = new LinkedHashMap<>(Math.min(size, INITIAL_CAPACITY_LIMIT) * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
            Object key = readValue(in, depth + 1);
            Object value = readValue(in, depth + 1);
            if (map.containsKey(key)) {
                throw new IOException("map key " + key + " appears twice");
            }
            map.put(key, value);
        }
        return map;
    }

    private static int readLength(DataInput in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative " + what + " length " + length);
        }
        return length;
    }

    private static byte[] readBytes(DataInput in, int length) throws IOException {
        if (length <= DIRECT_READ_LIMIT) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream(DIRECT_READ_LIMIT);
        byte[] chunk = new byte[DIRECT_READ_LIMIT];
        int remaining = length;
        while (remaining > 0) {
            int n = Math.min(remaining, chunk.length);
            in.readFully(chunk, 0, n);
            collected.write(chunk, 0, n);
            remaining -= n;
        }
        return collected.toByteArray();
    }

    private static byte[] javaSerialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a value of class " + value.getClass().getName()
                    + ": Java serialization failed: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object javaDeserialize(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("serialized object of unknown class " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("unreadable serialized object: " + e, e);
        }
    }
}
