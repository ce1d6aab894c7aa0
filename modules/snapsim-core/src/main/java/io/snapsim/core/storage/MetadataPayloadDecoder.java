package io.snapsim.core.storage;

import io.snapsim.core.state.KeyGroupRange;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass over a payload whose checksum already matched; every inconsistency is refused. */
final class MetadataPayloadDecoder {
    private final ByteBuffer in;
    private final Path src;
    private final int version;

    MetadataPayloadDecoder(ByteBuffer in, Path src, int version) {
        this.in = in;
        this.src = src;
        this.version = version;
    }

    CheckpointMetadata decode() {
        try {
            String jobId = string("job id");
            long checkpointId = in.getLong();
            long trigger = in.getLong();
            long completion = in.getLong();
            SnapshotKind kind = kind(in.get());
            String retention = string("retention");
            int operatorCount = count("operators");
            List<OperatorStateSnapshot> operators = new ArrayList<>(operatorCount);
            for (int i = 0; i < operatorCount; i++) {
                operators.add(operator());
            }
            if (in.hasRemaining()) {
                throw malformed(in.remaining() + " unread bytes at the end of the payload");
            }
            return new CheckpointMetadata(jobId, checkpointId, trigger, completion, kind, retention, operators);
        } catch (BufferUnderflowException e) {
            throw malformed("payload ends in the middle of a field");
        } catch (IllegalArgumentException e) {
            // A record constructor refused a value (parallelism, key-group range, ...).
            throw malformed(e.getMessage());
        }
    }

    private OperatorStateSnapshot operator() {
        String id = string("operator id");
        String name = string("operator name");
        int parallelism = in.getInt();
        int maxParallelism = in.getInt();
        int subtaskCount = count("subtasks of operator " + id);
        List<SubtaskStateSnapshot> subtasks = new ArrayList<>(subtaskCount);
        for (int i = 0; i < subtaskCount; i++) {
            subtasks.add(subtask(id));
        }
        return new OperatorStateSnapshot(id, name, parallelism, maxParallelism, subtasks);
    }

    private SubtaskStateSnapshot subtask(String operatorId) {
        int index = in.getInt();
        String where = "operator " + operatorId + " subtask " + index;
        KeyGroupRange keyGroups = new KeyGroupRange(in.getInt(), in.getInt());
        StateHandle keyed = handle(where);
        StateHandle operatorState = handle(where);
        int positionCount = count("source positions of " + where);
        Map<String, Long> positions = new LinkedHashMap<>();
        for (int i = 0; i < positionCount; i++) {
            String split = string("split id");
            if (split == null || positions.put(split, in.getLong()) != null) {
                throw malformed(where + ": null or repeated split id '" + split + "'");
            }
        }
        String externalLocation = version >= 3 ? string("external location of " + where) : null;
        return new SubtaskStateSnapshot(index, keyGroups, keyed, operatorState, positions, externalLocation);
    }

    private StateHandle handle(String where) {
        byte tag = in.get();
        switch (tag) {
            case MetadataFormat.HANDLE_NONE:
                return null;
            case MetadataFormat.HANDLE_INLINE:
                byte[] content = new byte[length("inline state of " + where)];
                in.get(content);
                return new StateHandle.Inline(content);
            case MetadataFormat.HANDLE_FILE:
                String path = string("state file path");
                if (path == null || path.isBlank()) {
                    throw malformed(where + ": state file path is empty");
                }
                boolean relative = in.get() != 0;
                long size = in.getLong();
                long crc = in.getLong();
                if (size < 0) {
                    throw malformed(where + ": negative state file size " + size);
                }
                StateHandle.File file = new StateHandle.File(path, relative, size, crc);
                String unsafe = SnapshotTree.lexicalRefusal(file);
                if (unsafe != null) {
                    throw new CheckpointFormatException(src, where + ": " + unsafe + "; refusing to restore from it");
                }
                return file;
            case MetadataFormat.HANDLE_NATIVE:
                String format = string("native state format");
                if (format == null || format.isBlank()) {
                    throw malformed(where + ": native state format is empty");
                }
                byte[] descriptor = new byte[length("native state descriptor of " + where)];
                in.get(descriptor);
                long checkpointed = in.getLong();
                long full = in.getLong();
                if (checkpointed < 0 || full < checkpointed) {
                    throw malformed(where + ": native state sizes " + checkpointed + " / " + full + " are inconsistent");
                }
                return new StateHandle.Native(format, descriptor, checkpointed, full);
            default:
                throw malformed(where + ": unknown state handle tag " + tag);
        }
    }

    private SnapshotKind kind(byte code) {
        switch (code) {
            case MetadataFormat.KIND_CHECKPOINT:
                return SnapshotKind.CHECKPOINT;
            case MetadataFormat.KIND_SAVEPOINT:
                return SnapshotKind.SAVEPOINT;
            default:
                throw malformed("unknown snapshot kind " + code);
        }
    }

    private String string(String field) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw malformed(field + " has impossible length " + length);
        }
        ByteBuffer utf8 = in.slice();
        utf8.limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not valid UTF-8");
        }
    }

    /** A byte count; must fit in what is left, so a corrupt value cannot trigger a huge allocation. */
    private int length(String field) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw malformed(field + " has impossible length " + length);
        }
        return length;
    }

    /** An element count; every element takes at least one byte, so the same bound applies. */
    private int count(String field) {
        return length(field);
    }

    private CheckpointFormatException malformed(String detail) {
        return new CheckpointFormatException(src, "malformed metadata payload: " + detail);
    }
}
