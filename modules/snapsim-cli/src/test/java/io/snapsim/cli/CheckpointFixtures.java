package io.snapsim.cli;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A checkpoints directory as a user would find it after a few runs, written with the real storage
 * code:
 * <pre>
 *   {root}/aaaa1111.../chk-1/_metadata         complete, all state inline
 *   {root}/aaaa1111.../chk-2/_metadata         complete, keyed state in a file (absolute path)
 *   {root}/aaaa1111.../chk-3/                  incomplete: a state file but no _metadata
 *   {root}/bbbb2222.../chk-5/_metadata         complete
 *   {root}/bbbb2222.../chk-6/_metadata         corrupt (not a metadata file)
 *   {root}/savepoint-aaaa11-00000000beef/      savepoint of job aaaa..., relative file handle
 *   {root}/savepoint-bbbb22-00000000dead/      savepoint that never completed (no _metadata)
 * </pre>
 */
final class CheckpointFixtures {

    static final String JOB_A = "aaaa1111aaaa1111aaaa1111aaaa1111";
    static final String JOB_B = "bbbb2222bbbb2222bbbb2222bbbb2222";
    /** 2024-05-01T10:00:00Z in epoch milliseconds, as a live run records it. */
    static final long T0 = 1_714_557_600_000L;

    final Path root;
    final Path jobA;
    final Path jobB;
    final Path savepoint;
    final Path incompleteSavepoint;
    final Path chk2Keyed;

    private CheckpointFixtures(Path root, Path jobA, Path jobB, Path savepoint, Path incompleteSavepoint, Path chk2Keyed) {
        this.root = root;
        this.jobA = jobA;
        this.jobB = jobB;
        this.savepoint = savepoint;
        this.incompleteSavepoint = incompleteSavepoint;
        this.chk2Keyed = chk2Keyed;
    }

    static CheckpointFixtures create(Path root) throws IOException {
        FsCheckpointStorage a = new FsCheckpointStorage(root, JOB_A, 64);
        a.initializeJobDirectories();
        a.writeMetadata(1, metadata(JOB_A, 1, SnapshotKind.CHECKPOINT,
                inline("counts-0"), inline("counts-1")));
        StateHandle big = a.writeState(a.checkpointDirectory(2), "counter-0-keyed", bytes(3000), false);
        a.writeMetadata(2, metadata(JOB_A, 2, SnapshotKind.CHECKPOINT, big, inline("counts-1")));
        a.writeState(a.checkpointDirectory(3), "counter-0-keyed", bytes(100), false);

        FsCheckpointStorage b = new FsCheckpointStorage(root, JOB_B, 64);
        b.initializeJobDirectories();
        b.writeMetadata(5, metadata(JOB_B, 5, SnapshotKind.CHECKPOINT, inline("x"), inline("y")));
        Path corrupt = b.checkpointDirectory(6).resolve(MetadataFormat.METADATA_FILE_NAME);
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "this is not a metadata file", StandardCharsets.UTF_8);

        Path savepoint = root.resolve("savepoint-aaaa11-00000000beef");
        StateHandle relative = a.writeState(savepoint, "counter-0-keyed", bytes(2048), true);
        MetadataFormat.write(savepoint, metadata(JOB_A, 4, SnapshotKind.SAVEPOINT, relative, inline("counts-1")));
        Path incompleteSavepoint = Files.createDirectories(root.resolve("savepoint-bbbb22-00000000dead"));

        return new CheckpointFixtures(root.toAbsolutePath().normalize(), a.jobDirectory(), b.jobDirectory(),
                savepoint.toAbsolutePath().normalize(), incompleteSavepoint.toAbsolutePath().normalize(),
                a.checkpointDirectory(2).resolve("counter-0-keyed"));
    }

    /**
     * A source (two subtasks with split positions and reader state) and a keyed counter (two
     * subtasks with key groups 0..63 and 64..127, the first holding {@code counter0}).
     */
    static CheckpointMetadata metadata(String job, long id, SnapshotKind kind, StateHandle counter0, StateHandle counter1) {
        OperatorStateSnapshot source = new OperatorStateSnapshot("source", "Source: lines", 2, 2, List.of(
                new SubtaskStateSnapshot(0, KeyGroupRange.EMPTY, null, inline("reader-0"),
                        Map.of("lines-0", 100L * id, "lines-2", 7L)),
                new SubtaskStateSnapshot(1, KeyGroupRange.EMPTY, null, inline("reader-1"),
                        Map.of("lines-1", 99L))));
        OperatorStateSnapshot counter = new OperatorStateSnapshot("counter", "counter", 2, 128, List.of(
                new SubtaskStateSnapshot(0, new KeyGroupRange(0, 63), counter0, null, Map.of()),
                new SubtaskStateSnapshot(1, new KeyGroupRange(64, 127), counter1, null, Map.of())));
        return new CheckpointMetadata(job, id, T0 + 1000 * id, T0 + 1000 * id + 123, kind,
                "RETAIN_ON_CANCELLATION", List.of(source, counter));
    }

    static StateHandle.Inline inline(String text) {
        return new StateHandle.Inline(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 7);
        return b;
    }
}
