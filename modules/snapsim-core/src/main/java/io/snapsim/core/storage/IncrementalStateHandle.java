package io.snapsim.core.storage;

import io.snapsim.core.state.KeyGroupRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one subtask's RocksDB backend contributed to a checkpoint: the files that rebuild its
 * database, like Flink's {@code IncrementalRemoteKeyedStateHandle}.
 *
 * <p>Shared files live in {@code {jobDir}/shared/} under their {@linkplain SharedFile#sharedKey()
 * shared key} and may be referenced by several checkpoints; who may delete them is decided by a
 * {@link SharedStateRegistry}. Private files live in {@code {checkpointDir}/{privateDirectory}/} and
 * belong to this checkpoint alone. A full (non-incremental) checkpoint is a handle without shared
 * files. Restoring copies every file, under its original name, into a fresh database directory.
 *
 * <p>The handle holds only file names, never absolute paths: the checkpoint's {@link SnapshotTree}
 * is supplied at restore time, and {@link #locateFiles} checks there that no link in the folders
 * leads outside it. {@link #toBytes()} gives a versioned binary form, for the checkpoint
 * metadata; {@link #fromBytes} reads it back.
 *
 * <p>Invariants: names are plain file names; SST names, shared keys and private names are each
 * distinct; no private name equals an SST name (they end up in one directory); sizes are not negative.
 * Immutable; safe to share between threads.
 *
 * @param checkpointId the checkpoint this handle belongs to
 * @param keyGroupRange the key groups of the backend that wrote it
 * @param maxParallelism the max parallelism of that backend
 * @param privateDirectory the directory of the private files, relative to the checkpoint directory
 * @param sharedFiles the shared SST files, by SST name
 * @param privateFiles the files private to this checkpoint
 */
public record IncrementalStateHandle(
        long checkpointId,
        KeyGroupRange keyGroupRange,
        int maxParallelism,
        String privateDirectory,
        List<SharedFile> sharedFiles,
        List<PrivateFile> privateFiles) {

    private static final int MAGIC = 0x534E4948; // "SNIH"
    private static final int VERSION = 2;
    /** The checksum of a file uploaded without one: restores check only its size. */
    public static final long NO_CHECKSUM = -1;
    /** The format name of these handles inside checkpoint metadata ({@link StateHandle.Native#format()}). */
    public static final String NATIVE_FORMAT = "rocksdb-native";
    private static final String CORRUPT = "corrupt incremental state handle: ";

    /**
     * An SST file in the job's shared directory.
     *
     * @param sstName the file's name in the database directory (unique within one database)
     * @param sharedKey the file's name in {@code {jobDir}/shared/} (unique within the job), which is
     *     also its key in the {@link SharedStateRegistry}
     * @param size its size in bytes
     * @param uploadedBy the checkpoint that uploaded it; older than {@code checkpointId} when reused
     * @param crc32 the CRC-32 of its content, or {@link #NO_CHECKSUM}
     */
    public record SharedFile(String sstName, String sharedKey, long size, long uploadedBy, long crc32) {
        public SharedFile {
            requirePlainName(sstName, "SST name");
            requirePlainName(sharedKey, "shared key");
            requireSize(size, sstName);
            requireChecksum(crc32, sstName);
        }

        /** A shared file whose checksum is not known ({@link #NO_CHECKSUM}): only its size is checked. */
        public SharedFile(String sstName, String sharedKey, long size, long uploadedBy) {
            this(sstName, sharedKey, size, uploadedBy, NO_CHECKSUM);
        }
    }

    /**
     * A file in the checkpoint's private directory.
     *
     * @param name its file name, the same in the database directory
     * @param size its size in bytes
     * @param crc32 the CRC-32 of its content, or {@link #NO_CHECKSUM}
     */
    public record PrivateFile(String name, long size, long crc32) {
        public PrivateFile {
            requirePlainName(name, "private file name");
            requireSize(size, name);
            requireChecksum(crc32, name);
        }

        /** A private file whose checksum is not known ({@link #NO_CHECKSUM}): only its size is checked. */
        public PrivateFile(String name, long size) {
            this(name, size, NO_CHECKSUM);
        }
    }

    public IncrementalStateHandle {
        Objects.requireNonNull(keyGroupRange, "keyGroupRange");
        requirePlainName(privateDirectory, "private directory");
        sharedFiles = List.copyOf(sharedFiles);
        privateFiles = List.copyOf(privateFiles);
        Set<String> databaseNames = new HashSet<>();
        Set<String> sharedKeys = new HashSet<>();
        for (SharedFile file : sharedFiles) {
            if (!databaseNames.add(file.sstName())) {
                throw new IllegalArgumentException("SST file " + file.sstName() + " appears twice");
            }
            if (!sharedKeys.add(file.sharedKey())) {
                throw new IllegalArgumentException("shared file " + file.sharedKey() + " appears twice");
            }
            if (file.uploadedBy() > checkpointId) {
                throw new IllegalArgumentException("shared file " + file.sharedKey() + " was uploaded by checkpoint "
                        + file.uploadedBy() + ", after checkpoint " + checkpointId + " that references it");
            }
        }
        for (PrivateFile file : privateFiles) {
            if (!databaseNames.add(file.name())) {
                throw new IllegalArgumentException("file " + file.name() + " appears twice");
            }
        }
    }

    /** {@code {jobDir}/shared}: where the shared files of every checkpoint of the job live. */
    public static Path sharedDirectory(Path jobDirectory) {
        return jobDirectory.resolve(SnapshotTree.SHARED_DIR);
    }

    /**
     * The bytes this checkpoint wrote: its private files and the shared files it uploaded, as
     * Flink's "checkpointed data size" (the delta, for an incremental checkpoint).
     */
    public long checkpointedSize() {
        long size = privateSize();
        for (SharedFile file : sharedFiles) {
            if (file.uploadedBy() == checkpointId) {
                size += file.size();
            }
        }
        return size;
    }

    /** The size of everything needed to restore: all shared and private files (Flink's "full size"). */
    public long fullSize() {
        long size = privateSize();
        for (SharedFile file : sharedFiles) {
            size += file.size();
        }
        return size;
    }

    /** The registry keys of every shared file this checkpoint references. */
    public List<String> sharedFileKeys() {
        return sharedFiles.stream().map(SharedFile::sharedKey).toList();
    }

    /**
     * The registry keys of the shared files this checkpoint uploaded itself: no other checkpoint
     * references them yet, so they are to be deleted if this checkpoint is aborted.
     */
    public List<String> newSharedFileKeys() {
        return sharedFiles.stream().filter(file -> file.uploadedBy() == checkpointId).map(SharedFile::sharedKey).toList();
    }

    /** The shared files by SST name: what the next incremental checkpoint need not upload again. */
    public Map<String, SharedFile> sharedFilesBySstName() {
        Map<String, SharedFile> byName = new LinkedHashMap<>();
        for (SharedFile file : sharedFiles) {
            byName.put(file.sstName(), file);
        }
        return byName;
    }

    /**
     * The versioned binary form:
     * <pre>
     * magic:i32 ("SNIH")  version:u8 (=2)  checkpointId:i64  maxParallelism:i32  rangeStart:i32  rangeEnd:i32
     * privateDirectory:utf  sharedCount:i32  (sstName:utf sharedKey:utf size:i64 uploadedBy:i64 crc32:i64)*
     * privateCount:i32  (name:utf size:i64 crc32:i64)*
     * </pre>
     * where {@code utf} is {@link DataOutputStream#writeUTF}.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(checkpointId);
            out.writeInt(maxParallelism);
            out.writeInt(keyGroupRange.start());
            out.writeInt(keyGroupRange.end());
            out.writeUTF(privateDirectory);
            out.writeInt(sharedFiles.size());
            for (SharedFile file : sharedFiles) {
                out.writeUTF(file.sstName());
                out.writeUTF(file.sharedKey());
                out.writeLong(file.size());
                out.writeLong(file.uploadedBy());
                out.writeLong(file.crc32());
            }
            out.writeInt(privateFiles.size());
            for (PrivateFile file : privateFiles) {
                out.writeUTF(file.name());
                out.writeLong(file.size());
                out.writeLong(file.crc32());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to a byte array", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads bytes written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException {@code "corrupt incremental state handle: ..."} for anything else
     */
    public static IncrementalStateHandle fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException(CORRUPT + "null");
        }
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(stream);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException("bad magic number 0x" + Integer.toHexString(magic));
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("unknown format version " + version + " (this build reads version " + VERSION + ")");
            }
            long checkpointId = in.readLong();
            int maxParallelism = in.readInt();
            KeyGroupRange range = new KeyGroupRange(in.readInt(), in.readInt());
            String privateDirectory = in.readUTF();
            int sharedCount = readCount(in, stream, 2 + 2 + 24);
            List<SharedFile> shared = new ArrayList<>(sharedCount);
            for (int i = 0; i < sharedCount; i++) {
                shared.add(new SharedFile(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong()));
            }
            int privateCount = readCount(in, stream, 2 + 16);
            List<PrivateFile> privateFiles = new ArrayList<>(privateCount);
            for (int i = 0; i < privateCount; i++) {
                privateFiles.add(new PrivateFile(in.readUTF(), in.readLong(), in.readLong()));
            }
            if (stream.available() > 0) {
                throw new IOException(stream.available() + " trailing bytes");
            }
            return new IncrementalStateHandle(checkpointId, range, maxParallelism, privateDirectory, shared, privateFiles);
        } catch (EOFException e) {
            throw new IllegalArgumentException(CORRUPT + "truncated (" + bytes.length + " bytes)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(CORRUPT + e.getMessage(), e);
        }
    }

    /** This handle as a native state handle of checkpoint metadata, with its checkpointed and full size. */
    public StateHandle.Native toStateHandle() {
        return new StateHandle.Native(NATIVE_FORMAT, toBytes(), checkpointedSize(), fullSize());
    }

    /**
     * Reads the handle inside a native state handle of checkpoint metadata.
     *
     * @throws IllegalArgumentException if the handle is of another format or its descriptor is corrupt
     */
    public static IncrementalStateHandle fromStateHandle(StateHandle.Native handle) {
        if (!NATIVE_FORMAT.equals(handle.format())) {
            throw new IllegalArgumentException("state of format '" + handle.format() + "' is not a RocksDB checkpoint ("
                    + NATIVE_FORMAT + ")");
        }
        return fromBytes(handle.descriptor());
    }

    /**
     * A file of this handle as found in a checkpoint's tree.
     *
     * @param databaseName its name in the database directory
     * @param path where the handle says it lies: {@code {jobDir}/shared/{key}} or
     *     {@code {checkpointDir}/{privateDirectory}/{name}}; named in messages
     * @param realPath the same file with every link resolved and checked to stay inside the tree;
     *     the path to open
     * @param size its recorded size
     * @param crc32 its recorded checksum, or {@link #NO_CHECKSUM}
     * @param shared whether it lies in the job's {@code shared/} folder
     */
    public record LocatedFile(String databaseName, Path path, Path realPath, long size, long crc32, boolean shared) {
    }

    /**
     * Every file of this handle, shared ones first, located in {@code checkpoint}'s tree and checked
     * to lie inside it before anything reads them.
     *
     * @throws CheckpointFormatException naming the metadata file and the first file whose path
     *     leads outside the checkpoint's folder and the job's {@code shared/} (through a link)
     */
    public List<LocatedFile> locateFiles(SnapshotTree checkpoint) {
        List<LocatedFile> located = new ArrayList<>();
        Path shared = checkpoint.sharedFolder();
        for (SharedFile file : sharedFiles) {
            Path path = shared.resolve(file.sharedKey());
            located.add(new LocatedFile(file.sstName(), path, checkpoint.locate(path, "RocksDB shared file"),
                    file.size(), file.crc32(), true));
        }
        Path privateFolder = checkpoint.folder().resolve(privateDirectory);
        for (PrivateFile file : privateFiles) {
            Path path = privateFolder.resolve(file.name());
            located.add(new LocatedFile(file.name(), path, checkpoint.locate(path, "RocksDB private file"),
                    file.size(), file.crc32(), false));
        }
        return located;
    }

    /**
     * Checks that every file of this handle lies inside {@code checkpoint}'s tree and exists with
     * its recorded size and checksum: the shared files in {@code {jobDir}/shared/}, the private ones
     * in {@code {checkpointDir}/{privateDirectory}/}.
     *
     * @throws CheckpointFormatException as {@link #locateFiles} does
     * @throws IllegalStateException naming the first file that is missing, has another size, or
     *     whose content no longer matches its checksum
     */
    public void verifyFiles(SnapshotTree checkpoint) {
        for (LocatedFile file : locateFiles(checkpoint)) {
            verifyFile(file);
        }
    }

    private void verifyFile(LocatedFile file) {
        String what = "RocksDB " + (file.shared() ? "shared file" : "file") + " " + file.path() + " of checkpoint "
                + checkpointId;
        if (!Files.isRegularFile(file.realPath())) {
            throw new IllegalStateException(what + " is missing");
        }
        long actual = FileChecks.size(file.realPath());
        if (actual != file.size()) {
            throw new IllegalStateException(what + " is corrupt (size mismatch: " + actual + " bytes, expected "
                    + file.size() + ")");
        }
        if (file.crc32() != NO_CHECKSUM && FileChecks.crc32(file.realPath()) != file.crc32()) {
            throw new IllegalStateException(what + " is corrupt (checksum mismatch)");
        }
    }

    private long privateSize() {
        long size = 0;
        for (PrivateFile file : privateFiles) {
            size += file.size();
        }
        return size;
    }

    /** Reads a count, refusing one that the remaining bytes cannot hold, so corrupt input never allocates much. */
    private static int readCount(DataInputStream in, ByteArrayInputStream stream, int minimumEntryBytes)
            throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minimumEntryBytes > stream.available()) {
            throw new IOException("bad file count " + count);
        }
        return count;
    }

    private static void requirePlainName(String name, String what) {
        if (!FileChecks.isPlainFileName(name)) {
            throw new IllegalArgumentException(what + " is not a plain file name: " + name);
        }
    }

    private static void requireChecksum(long crc32, String name) {
        if (crc32 != NO_CHECKSUM && (crc32 < 0 || crc32 > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("checksum " + crc32 + " of " + name + " is not a CRC-32");
        }
    }

    private static void requireSize(long size, String name) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " of " + name);
        }
    }
}
