package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.IncrementalStateHandle.PrivateFile;
import io.snapsim.core.storage.IncrementalStateHandle.SharedFile;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who deletes which file of {@code shared/}: files go when the last retained checkpoint referencing
 * them is released, uploads of aborted or late checkpoints go at once, a checkpoint reusing a file
 * nobody holds is caught, and a claimed checkpoint of another job takes only what no other
 * {@code chk-N} there still references.
 */
class SharedStateTrackerTest {
    @TempDir
    Path job;

    private SharedStateTracker tracker;

    @BeforeEach
    void setUp() {
        tracker = new SharedStateTracker(job);
    }

    /** A subtask's state whose RocksDB checkpoint {@code id} references the given SST files; "name@k" was uploaded by k. */
    private SubtaskStateSnapshot state(long id, String... files) throws IOException {
        return state(job, id, files);
    }

    private static SubtaskStateSnapshot state(Path job, long id, String... files) throws IOException {
        List<SharedFile> shared = new ArrayList<>();
        for (String f : files) {
            String[] parts = f.split("@");
            long uploadedBy = parts.length > 1 ? Long.parseLong(parts[1]) : id;
            String key = "sum-0-" + uploadedBy + "-" + parts[0];
            shared.add(new SharedFile(parts[0], key, 3, uploadedBy));
            Path file = job.resolve("shared").resolve(key);
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        IncrementalStateHandle handle = new IncrementalStateHandle(id, new KeyGroupRange(0, 127), 128, "sum-0", shared,
                List.of(new PrivateFile("CURRENT", 16)));
        return new SubtaskStateSnapshot(0, new KeyGroupRange(0, 127), handle.toStateHandle(), null, Map.of());
    }

    private TreeSet<String> onDisk(Path jobDirectory) throws IOException {
        try (Stream<Path> files = Files.list(jobDirectory.resolve("shared"))) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFileIsDeletedWhenTheLastRetainedCheckpointReferencingItIsReleased() throws IOException {
        tracker.completed(1, List.of(state(1, "a.sst", "b.sst")));
        tracker.completed(2, List.of(state(2, "a.sst@1", "c.sst")));

        assertThat(tracker.released(1, List.of())).as("b only: a is still held by 2").isEqualTo(1);
        assertThat(onDisk(job)).containsExactly("sum-0-1-a.sst", "sum-0-2-c.sst");
        assertThat(tracker.released(2, List.of())).isEqualTo(2);
        assertThat(onDisk(job)).isEmpty();
    }

    @Test
    void theUploadsOfAnAbortedOrALateCheckpointAreDeletedAndReusedFilesKept() throws IOException {
        tracker.completed(1, List.of(state(1, "a.sst")));
        tracker.acknowledged(2, List.of(state(2, "a.sst@1", "b.sst")));

        assertThat(tracker.aborted(2)).isEqualTo(1);
        assertThat(onDisk(job)).containsExactly("sum-0-1-a.sst");
        assertThat(tracker.lateAcknowledgement(List.of(state(3, "a.sst@1", "c.sst")))).isEqualTo(1);
        assertThat(onDisk(job)).containsExactly("sum-0-1-a.sst");
    }

    @Test
    void aCheckpointReusingAFileNoRetainedCheckpointHoldsIsCaught() throws IOException {
        tracker.completed(1, List.of(state(1, "a.sst")));
        List<SubtaskStateSnapshot> basedOnOne = List.of(state(3, "a.sst@1", "b.sst"));
        assertThat(tracker.reusedFileNoLongerHeld(3, basedOnOne)).isNull();

        tracker.completed(2, List.of(state(2, "c.sst")));
        tracker.released(1, List.of()); // as if 3 had been triggered only after 1 was released

        assertThat(tracker.reusedFileNoLongerHeld(3, basedOnOne)).isEqualTo("sum-0-1-a.sst (uploaded by checkpoint 1)");
    }

    @Test
    void filesReleasedWhileCheckpointsArePendingWaitForThemAndAreKeptIfTheyReferenceThem() throws IOException {
        tracker.completed(1, List.of(state(1, "a.sst", "b.sst")));
        List<SubtaskStateSnapshot> basedOnOne = List.of(state(3, "a.sst@1", "c.sst"));
        tracker.acknowledged(3, basedOnOne);
        tracker.completed(2, List.of(state(2, "d.sst")));

        assertThat(tracker.released(1, List.of(3L))).as("3 is pending: nothing deleted yet").isZero();
        assertThat(onDisk(job)).contains("sum-0-1-a.sst", "sum-0-1-b.sst");
        assertThat(tracker.reusedFileNoLongerHeld(3, basedOnOne)).isNull();

        tracker.completed(3, basedOnOne);

        assertThat(onDisk(job)).as("b went once 3 ended without it; 3 holds a")
                .containsExactly("sum-0-1-a.sst", "sum-0-2-d.sst", "sum-0-3-c.sst");
        assertThat(tracker.released(3, List.of())).isEqualTo(2);
        assertThat(onDisk(job)).containsExactly("sum-0-2-d.sst");
    }

    @Test
    void filesKeptBackForAPendingCheckpointGoWhenItIsAborted() throws IOException {
        tracker.completed(1, List.of(state(1, "a.sst")));
        tracker.completed(2, List.of(state(2, "b.sst")));
        tracker.released(1, List.of(3L, 4L));

        tracker.aborted(3);
        assertThat(onDisk(job)).as("4 may still reference it").contains("sum-0-1-a.sst");
        tracker.pendingEnded(4); // a savepoint, say

        assertThat(onDisk(job)).containsExactly("sum-0-2-b.sst");
    }

    @Test
    void atTheEndSharedKeepsExactlyWhatRetainedCheckpointsReference() throws IOException {
        tracker.completed(4, List.of(state(4, "a.sst")));
        state(5, "orphan.sst"); // uploaded by a task that failed before acknowledging
        Files.write(job.resolve("shared").resolve("x.sst.inprogress"), new byte[] {1});

        assertThat(tracker.deleteUnreferenced()).isEqualTo(2);
        assertThat(onDisk(job)).containsExactly("sum-0-4-a.sst");
        assertThat(tracker.referencedFiles()).containsExactly("sum-0-4-a.sst");
    }

    @Test
    void aRestartedCoordinatorCountsTheRetainedCheckpointsFromTheirMetadata() throws IOException {
        writeMetadata(job, 6, state(6, "a.sst", "b.sst"));
        tracker.recovered(6, job.resolve("chk-6").resolve("_metadata"));
        tracker.completed(7, List.of(state(7, "a.sst@6")));

        tracker.released(6, List.of());

        assertThat(onDisk(job)).containsExactly("sum-0-6-a.sst");
    }

    @Test
    void aClaimedCheckpointTakesOnlyTheSharedFilesNoOtherCheckpointOfItsJobReferences() throws IOException {
        Path other = job.resolve("old-job");
        writeMetadata(other, 1, state(other, 1, "a.sst", "b.sst"));
        SubtaskStateSnapshot claimedState = state(other, 2, "a.sst@1", "c.sst");
        CheckpointMetadata claimed = writeMetadata(other, 2, claimedState);
        deleteTree(other.resolve("chk-2")); // the coordinator deletes the claimed folder first

        assertThat(SharedStateTracker.deleteClaimedSharedFiles(claimed, other)).isEqualTo(1);

        assertThat(onDisk(other)).containsExactly("sum-0-1-a.sst", "sum-0-1-b.sst");
    }

    private static CheckpointMetadata writeMetadata(Path jobDirectory, long id, SubtaskStateSnapshot state) {
        CheckpointMetadata metadata = new CheckpointMetadata("job", id, 1, 2, SnapshotKind.CHECKPOINT,
                "RETAIN_ON_CANCELLATION", List.of(new OperatorStateSnapshot("sum", "sum", 1, 128, List.of(state))));
        MetadataFormat.write(jobDirectory.resolve("chk-" + id), metadata);
        return metadata;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
