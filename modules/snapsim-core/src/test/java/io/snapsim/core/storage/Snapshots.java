package io.snapsim.core.storage;

import io.snapsim.core.state.KeyGroupRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Metadata fixtures shared by the storage tests. */
final class Snapshots {

    static final String JOB_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private Snapshots() {
    }

    /** {@link #rich(Path, long)} of a job folder {@code /cp/{JOB_ID}}, for tests that read no file. */
    static CheckpointMetadata rich(long checkpointId) {
        return rich(Path.of("/cp", JOB_ID), checkpointId);
    }

    /**
     * Three operators with inline, absolute-file and relative-file handles, nulls and source
     * positions; the absolute files lie in {@code jobDir/chk-{checkpointId}} and {@code jobDir/shared}.
     */
    static CheckpointMetadata rich(Path jobDir, long checkpointId) {
        String chk = jobDir.toAbsolutePath().resolve("chk-" + checkpointId).toString();
        String shared = jobDir.toAbsolutePath().resolve("shared").toString();
        OperatorStateSnapshot source = new OperatorStateSnapshot("op-1", "Source: numbers", 2, 2, List.of(
                new SubtaskStateSnapshot(0, KeyGroupRange.EMPTY, null, inline("reader-0"),
                        Map.of("split-0", 120L, "split-2", 7L)),
                new SubtaskStateSnapshot(1, KeyGroupRange.EMPTY, null, inline("reader-1"),
                        Map.of("split-1", 99L))));
        OperatorStateSnapshot window = new OperatorStateSnapshot("op-2", "Keyed sum \u00e9\u4e2d", 3, 128, List.of(
                new SubtaskStateSnapshot(0, new KeyGroupRange(0, 42),
                        new StateHandle.File(chk + "/op-2-0-keyed", false, 4096, 0xCAFEBABEL),
                        null, Map.of()),
                new SubtaskStateSnapshot(1, new KeyGroupRange(43, 85), inline("small keyed"), null, Map.of()),
                new SubtaskStateSnapshot(2, new KeyGroupRange(86, 127),
                        new StateHandle.File(shared + "/sst-000017", false, 1L << 33, 0xFFFFFFFFL),
                        null, Map.of())));
        OperatorStateSnapshot sink = new OperatorStateSnapshot("op-3", "Sink: two-phase", 1, 1, List.of(
                new SubtaskStateSnapshot(0, null, null,
                        new StateHandle.File("op-3-0-pending", true, 12, 1234L), Map.of())));
        return new CheckpointMetadata(JOB_ID, checkpointId, 1_000L * checkpointId, 1_000L * checkpointId + 250,
                SnapshotKind.CHECKPOINT, "RETAIN_ON_CANCELLATION", List.of(source, window, sink));
    }

    /** Metadata holding a single handle, for tests about one handle. */
    static CheckpointMetadata withHandle(long checkpointId, StateHandle handle) {
        return withHandle(checkpointId, SnapshotKind.SAVEPOINT, handle);
    }

    /** Metadata of the given kind holding a single keyed handle, of operator {@code op-1} subtask 0. */
    static CheckpointMetadata withHandle(long checkpointId, SnapshotKind kind, StateHandle handle) {
        OperatorStateSnapshot op = new OperatorStateSnapshot("op-1", "map", 1, 1, List.of(
                new SubtaskStateSnapshot(0, new KeyGroupRange(0, 0), handle, null, Map.of())));
        return new CheckpointMetadata(JOB_ID, checkpointId, 10, 20, kind, null, List.of(op));
    }

    static StateHandle.Inline inline(String text) {
        return new StateHandle.Inline(text.getBytes(StandardCharsets.UTF_8));
    }
}
