package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.checkpoint.TriggerDecision;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor.OperatorInfo;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataAssemblerTest {
    private static final CheckpointCoordinatorConfig CONFIG = new CheckpointCoordinatorConfig(10, 1_000, 0, 1, 0, 1);
    private static final Map<String, OperatorInfo> OPERATORS = new TreeMap<>(Map.of(
            "sum", new OperatorInfo("sum", "Running sum", 2, 128),
            "source", new OperatorInfo("source", "Numbers", 1, 128)));

    @TempDir
    Path temp;

    private FsCheckpointStorage storage;

    private MetadataAssembler assembler() {
        storage = new FsCheckpointStorage(temp.resolve("checkpoints"), "job-1", 1024);
        storage.initializeJobDirectories();
        Settings settings = new Settings(CONFIG, ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION, "job-1", storage,
                OPERATORS, List.of(), null, null, 1, 0);
        return new MetadataAssembler(settings, Runnable::run);
    }

    private static SubtaskStateSnapshot state(int subtask, String bytes) {
        return new SubtaskStateSnapshot(subtask, null, null, new StateHandle.Inline(bytes.getBytes()), Map.of());
    }

    /** A pending checkpoint that every subtask acknowledged, in the order given. */
    private static PendingCheckpoint acknowledged(CheckpointCoordinatorCore core, TriggerKind kind) {
        TriggerDecision decision = core.tryTrigger(100, kind);
        long id = ((TriggerDecision.Triggered) decision).checkpoint().checkpointId();
        core.acknowledge(id, new SubtaskId("sum", 1), state(1, "sum-1"), SubtaskCheckpointMetrics.NONE, 110);
        core.acknowledge(id, new SubtaskId("source", 0), state(0, "source-0"), SubtaskCheckpointMetrics.NONE, 111);
        core.acknowledge(id, new SubtaskId("sum", 0), state(0, "sum-0"), SubtaskCheckpointMetrics.NONE, 112);
        return core.pendingCheckpoint(id).orElseThrow();
    }

    private static CheckpointCoordinatorCore core() {
        return new CheckpointCoordinatorCore(CONFIG, Set.of(new SubtaskId("sum", 0), new SubtaskId("sum", 1),
                new SubtaskId("source", 0)), 1, List.of());
    }

    @Test
    void listsOperatorsByUidAndTheirSubtasksByIndexWhateverOrderTheyAcknowledgedIn() {
        CheckpointCoordinatorCore core = core();
        PendingCheckpoint pending = acknowledged(core, TriggerKind.PERIODIC);

        CheckpointMetadata metadata = assembler().metadataOf(pending, 120);

        assertThat(metadata.operators()).extracting(OperatorStateSnapshot::operatorId).containsExactly("source", "sum");
        OperatorStateSnapshot sum = metadata.operators().get(1);
        assertThat(sum.subtasks()).extracting(SubtaskStateSnapshot::subtaskIndex).containsExactly(0, 1);
        assertThat(sum.operatorName()).isEqualTo("Running sum");
        assertThat(sum.parallelism()).isEqualTo(2);
        assertThat(metadata.kind()).isEqualTo(SnapshotKind.CHECKPOINT);
        assertThat(metadata.retention()).isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(metadata.triggerTimestamp()).isEqualTo(100);
        assertThat(metadata.completionTimestamp()).isEqualTo(120);
    }

    @Test
    void writesACheckpointsMetadataIntoItsCheckpointFolder() throws Exception {
        CheckpointCoordinatorCore core = core();
        PendingCheckpoint pending = acknowledged(core, TriggerKind.PERIODIC);
        MetadataAssembler assembler = assembler();

        String path = assembler.write(pending, null, 120).get();

        assertThat(Path.of(path)).isEqualTo(storage.checkpointDirectory(1).resolve(MetadataFormat.METADATA_FILE_NAME));
        assertThat(MetadataFormat.read(Path.of(path))).isEqualTo(assembler.metadataOf(pending, 120));
    }

    @Test
    void writesASavepointsMetadataIntoTheSavepointsOwnFolder() throws Exception {
        CheckpointCoordinatorCore core = core();
        PendingCheckpoint pending = acknowledged(core, TriggerKind.SAVEPOINT);
        MetadataAssembler assembler = assembler();
        Path savepointDir = Files.createDirectories(temp.resolve("savepoints/savepoint-1"));

        String path = assembler.write(pending, savepointDir, 120).get();

        assertThat(Path.of(path)).isEqualTo(savepointDir.resolve(MetadataFormat.METADATA_FILE_NAME));
        assertThat(MetadataFormat.read(Path.of(path)).kind()).isEqualTo(SnapshotKind.SAVEPOINT);
        assertThat(storage.checkpointFoldersOnDisk()).isEmpty();
    }
}
