package io.snapsim.core.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The binary format of a {@code _metadata} file, and its atomic writing and checked reading.
 *
 * <p>Layout (big-endian, as {@link DataOutputStream} writes):
 * <pre>
 *   int  MAGIC ("SNAP")
 *   int  VERSION
 *   int  payload length n
 *   n    payload bytes
 *   long CRC32 of the payload
 * </pre>
 * The payload is hand-written field by field (no Java serialization, no reflection) so that the
 * format is stable and a change is visible here: job id, checkpoint id, trigger and completion
 * timestamps, kind, retention, then per operator its id, name, parallelism, max parallelism and
 * subtasks; per subtask its index, key-group range, keyed and operator state handles, source
 * positions and (from version 3) its external location, a string or null. A handle is a tag (0 none, 1 inline bytes, 2 file, 3 native: the backend format, its
 * descriptor bytes, the checkpointed and the full size). Strings are an int byte count (-1 for null) and strict UTF-8.
 *
 * <p>Invariants: {@link #read} returns only metadata whose magic, version and checksum matched and
 * whose file handles stay inside the snapshot's tree as {@link SnapshotTree} defines it (no
 * {@code ..}, no absolute path elsewhere, no symbolic link leading out), because a restore must
 * never be steered to files outside the snapshot. {@link #deserialize}, which sees no disk, checks
 * what the paths say on their face only. Every refusal is a {@link CheckpointFormatException}
 * naming the file.
 *
 * <p>Stateless; callable from any thread. A given directory must have one writer at a time.
 */
public final class MetadataFormat {

    public static final int MAGIC = 0x534E4150; // "SNAP"
    /**
     * The version written. Version 2 added native state handles, version 3 the external location of
     * a subtask (a sink's folder); versions 1 and 2 still read.
     */
    public static final int VERSION = 3;
    private static final int OLDEST_READABLE_VERSION = 1;
    public static final String METADATA_FILE_NAME = "_metadata";

    private static final int HEADER_BYTES = 3 * Integer.BYTES;
    private static final int TRAILER_BYTES = Long.BYTES;

    // Handle tags. Explicit numbers rather than ordinals, so reordering code never changes the format.
    static final byte HANDLE_NONE = 0;
    static final byte HANDLE_INLINE = 1;
    static final byte HANDLE_FILE = 2;
    static final byte HANDLE_NATIVE = 3;

    static final byte KIND_CHECKPOINT = 0;
    static final byte KIND_SAVEPOINT = 1;

    private MetadataFormat() {
    }

    // ------------------------------------------------------------------ writing

    /**
     * Encodes metadata as the bytes of a {@code _metadata} file.
     *
     * @throws IllegalArgumentException if a string is not valid Unicode (an unpaired surrogate)
     *                                  or a source position is null; both are programming errors
     */
    public static byte[] serialize(CheckpointMetadata md) {
        Objects.requireNonNull(md, "metadata");
        byte[] payload = encodePayload(md);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + payload.length + TRAILER_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(payload.length);
            out.write(payload);
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes {@code checkpointDir/_metadata} through a temporary file in the same directory and an
     * atomic rename, so the file appears only complete; a failed write leaves no file behind.
     * Creates {@code checkpointDir} if needed.
     *
     * @throws IllegalStateException if {@code _metadata} already exists: it marks a completed
     *                               snapshot, which is never overwritten
     * @throws UncheckedIOException  if the file system refuses the write
     */
    public static void write(Path checkpointDir, CheckpointMetadata md) {
        byte[] bytes = serialize(md);
        Path target = checkpointDir.resolve(METADATA_FILE_NAME);
        try {
            AtomicFiles.write(target, bytes, false);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(target + " already exists; a completed snapshot is never overwritten", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e, e);
        }
    }

    private static byte[] encodePayload(CheckpointMetadata md) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, md.jobId(), "job id");
            out.writeLong(md.checkpointId());
            out.writeLong(md.triggerTimestamp());
            out.writeLong(md.completionTimestamp());
            out.writeByte(kindCode(md.kind()));
            writeString(out, md.retention(), "retention");
            out.writeInt(md.operators().size());
            for (OperatorStateSnapshot op : md.operators()) {
                writeOperator(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeOperator(DataOutputStream out, OperatorStateSnapshot op) throws IOException {
        writeString(out, op.operatorId(), "operator id");
        writeString(out, op.operatorName(), "operator name");
        out.writeInt(op.parallelism());
        out.writeInt(op.maxParallelism());
        out.writeInt(op.subtasks().size());
        for (SubtaskStateSnapshot st : op.subtasks()) {
            out.writeInt(st.subtaskIndex());
            out.writeInt(st.keyGroups().start());
            out.writeInt(st.keyGroups().end());
            writeHandle(out, st.keyedState());
            writeHandle(out, st.operatorState());
            out.writeInt(st.sourcePositions().size());
            for (Map.Entry<String, Long> position : st.sourcePositions().entrySet()) {
                if (position.getValue() == null) {
                    throw new IllegalArgumentException("operator " + op.operatorId() + " subtask " + st.subtaskIndex()
                            + ": source position of split '" + position.getKey() + "' is null");
                }
                writeString(out, position.getKey(), "split id");
                out.writeLong(position.getValue());
            }
            writeString(out, st.externalLocation(), "external location");
        }
    }

    private static void writeHandle(DataOutputStream out, StateHandle handle) throws IOException {
        if (handle == null) {
            out.writeByte(HANDLE_NONE);
        } else if (handle instanceof StateHandle.Inline inline) {
            byte[] content = inline.bytes();
            out.writeByte(HANDLE_INLINE);
            out.writeInt(content.length);
            out.write(content);
        } else if (handle instanceof StateHandle.File file) {
            out.writeByte(HANDLE_FILE);
            writeString(out, file.path(), "state file path");
            out.writeBoolean(file.relative());
            out.writeLong(file.size());
            out.writeLong(file.crc32());
        } else if (handle instanceof StateHandle.Native nat) {
            byte[] descriptor = nat.descriptor();
            out.writeByte(HANDLE_NATIVE);
            writeString(out, nat.format(), "native state format");
            out.writeInt(descriptor.length);
            out.write(descriptor);
            out.writeLong(nat.checkpointedSize());
            out.writeLong(nat.fullSize());
        } else {
            throw new IllegalArgumentException("unknown state handle " + handle.getClass());
        }
    }

    private static void writeString(DataOutputStream out, String s, String field) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        ByteBuffer encoded;
        try {
            // A strict encoder: the default String.getBytes would silently turn a lone surrogate into '?'.
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " '" + s + "' is not valid Unicode (unpaired surrogate)", e);
        }
        out.writeInt(encoded.remaining());
        out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    }

    private static byte kindCode(SnapshotKind kind) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case CHECKPOINT -> KIND_CHECKPOINT;
            case SAVEPOINT -> KIND_SAVEPOINT;
        };
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads and checks a {@code _metadata} file, including that every state file it names lies
     * inside its {@link SnapshotTree} (no data file is opened).
     *
     * @throws CheckpointFormatException if the file is missing or unreadable, names a state file
     *                                   outside its tree, or for any reason {@link #deserialize} gives
     */
    public static CheckpointMetadata read(Path metadataFile) {
        if (Files.isDirectory(metadataFile)) {
            throw new CheckpointFormatException(metadataFile, "is a directory, not a " + METADATA_FILE_NAME + " file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(metadataFile);
        } catch (NoSuchFileException e) {
            throw new CheckpointFormatException(metadataFile, "metadata file does not exist", e);
        } catch (IOException e) {
            throw new CheckpointFormatException(metadataFile, "cannot be read: " + e, e);
        }
        CheckpointMetadata md = deserialize(bytes, metadataFile);
        SnapshotTree.of(metadataFile, md.kind()).checkHandles(md);
        return md;
    }

    /**
     * Decodes the bytes of a {@code _metadata} file.
     *
     * @param sourceForErrors the file the bytes came from, named in every error message
     * @throws CheckpointFormatException when the bytes are too short or truncated, do not start
     *                                   with the magic number, carry another format version, fail
     *                                   the checksum, are malformed, or hold a file handle whose
     *                                   path leaves the snapshot directory
     */
    public static CheckpointMetadata deserialize(byte[] bytes, Path sourceForErrors) {
        Path src = sourceForErrors;
        if (bytes.length < Integer.BYTES) {
            throw new CheckpointFormatException(src, bytes.length == 0
                    ? "the file is empty; not a snapsim metadata file"
                    : "too short (" + bytes.length + " bytes) to be a snapsim metadata file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        if (magic != MAGIC) {
            throw new CheckpointFormatException(src, String.format(
                    "not a snapsim metadata file (magic number 0x%08X, expected 0x%08X)", magic, MAGIC));
        }
        if (bytes.length < HEADER_BYTES) {
            throw new CheckpointFormatException(src, "truncated: " + bytes.length + " bytes, shorter than the header");
        }
        int version = buf.getInt();
        if (version < OLDEST_READABLE_VERSION || version > VERSION) {
            throw new CheckpointFormatException(src, "format version " + version
                    + " is not supported; this snapsim reads versions " + OLDEST_READABLE_VERSION + " to " + VERSION);
        }
        int payloadLength = buf.getInt();
        long expected = (long) HEADER_BYTES + payloadLength + TRAILER_BYTES;
        if (payloadLength < 0) {
            throw new CheckpointFormatException(src, "corrupt header (negative payload length " + payloadLength + ")");
        }
        if (bytes.length < expected) {
            throw new CheckpointFormatException(src, "truncated: the file has " + bytes.length
                    + " bytes but its header announces " + expected);
        }
        if (bytes.length > expected) {
            throw new CheckpointFormatException(src, (bytes.length - expected)
                    + " unexpected bytes after the checksum: the file is corrupt");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, HEADER_BYTES, payloadLength);
        long storedCrc = ByteBuffer.wrap(bytes, HEADER_BYTES + payloadLength, TRAILER_BYTES).getLong();
        if (storedCrc != crc.getValue()) {
            throw new CheckpointFormatException(src, "checksum mismatch: the file is corrupt");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER_BYTES, payloadLength).slice();
        return new MetadataPayloadDecoder(payload, src, version).decode();
    }
}
