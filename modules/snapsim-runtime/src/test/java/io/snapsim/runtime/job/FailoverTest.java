package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.restart.RestartStrategy;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.runtime.job.Failover.DamagedCheckpoint;
import io.snapsim.runtime.job.Failover.FromScratch;
import io.snapsim.runtime.job.Failover.FromSnapshot;
import io.snapsim.runtime.job.Failover.NoIntactCheckpoint;
import io.snapsim.runtime.job.Failover.Restart;
import io.snapsim.runtime.job.Failover.Suppressed;
import io.snapsim.runtime.job.Failover.Unrestorable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the job master decides around a failover, with snapshots that are intact, damaged or unfit by fiat. */
class FailoverTest {
    private static final Path RECOVERY = Path.of("/savepoints/sp-1/_metadata");

    /** Snapshots by metadata file: readable ones, and the problem of the rest. */
    private static final class Snapshots implements Failover.SnapshotChecks {
        final Map<Path, String> damaged = new HashMap<>();
        final Set<Path> unfit = new HashSet<>();

        @Override
        public CheckpointMetadata readIntact(Path metadataFile) {
            if (damaged.containsKey(metadataFile)) {
                throw new IllegalStateException(damaged.get(metadataFile));
            }
            return metadata(metadataFile);
        }

        @Override
        public void checkFits(CheckpointMetadata metadata, Path metadataFile) {
            if (unfit.contains(metadataFile)) {
                throw new IllegalArgumentException("operator 'sum' runs at parallelism 3");
            }
        }
    }

    private static CheckpointMetadata metadata(Path metadataFile) {
        String folder = metadataFile.getParent().getFileName().toString();
        long id = Long.parseLong(folder.substring(folder.indexOf('-') + 1));
        return new CheckpointMetadata("job", id, 1, 2, SnapshotKind.CHECKPOINT, "RETAIN_ON_CANCELLATION", List.of());
    }

    private static CompletedCheckpoint checkpoint(long id) {
        return new CompletedCheckpoint(id, 10, 12, file(id).toString(), 100, TriggerKind.PERIODIC);
    }

    private static Path file(long id) {
        return Path.of("/cp/job/chk-" + id + "/_metadata");
    }

    private final Snapshots snapshots = new Snapshots();

    private Failover failover(Path recoveryPath) {
        return new Failover(new RestartStrategy.FixedDelay(1, 50), snapshots, recoveryPath);
    }

    @Test
    void restartsAfterTheStrategysDelayUntilItsAttemptsAreUsedUp() {
        Failover failover = failover(null);

        assertThat(failover.afterFailure("crash", 0)).isEqualTo(new Restart(50));
        assertThat(failover.afterFailure("crash again", 10)).isEqualTo(new Suppressed(
                "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1, "
                        + "backoffTimeMS=50); last failure: crash again"));
    }

    @Nested
    class WithRetainedCheckpoints {
        @Test
        void restoresTheNewest() {
            Failover.Choice choice = failover(RECOVERY).startFrom(List.of(checkpoint(3), checkpoint(2)));

            assertThat(choice.damaged()).isEmpty();
            assertThat(choice.start()).isEqualTo(new FromSnapshot(file(3), metadata(file(3))));
        }

        @Test
        void skipsDamagedOnesAndNamesThemNewestFirst() {
            snapshots.damaged.put(file(3), "chk-3/_metadata: checksum mismatch");
            snapshots.damaged.put(file(2), "chk-2/state-0: missing");

            Failover.Choice choice = failover(null).startFrom(List.of(checkpoint(3), checkpoint(2), checkpoint(1)));

            assertThat(choice.damaged()).containsExactly(new DamagedCheckpoint(3, "chk-3/_metadata: checksum mismatch"),
                    new DamagedCheckpoint(2, "chk-2/state-0: missing"));
            assertThat(choice.damaged().get(0).reason()).isEqualTo("checkpoint 3 is damaged: chk-3/_metadata: checksum mismatch");
            assertThat(choice.start()).isEqualTo(new FromSnapshot(file(1), metadata(file(1))));
        }

        @Test
        void namesDamagedFilesWithinTheCheckpointsFolderSoTheHistoryDoesNotDependOnWhereItIs() {
            snapshots.damaged.put(file(3), file(3) + ": checksum mismatch");
            snapshots.damaged.put(file(2), "state file /cp/job/shared/s-1 referenced by " + file(2) + " is missing");

            Failover.Choice choice = failover(null).startFrom(List.of(checkpoint(3), checkpoint(2), checkpoint(1)));

            assertThat(choice.damaged()).containsExactly(new DamagedCheckpoint(3, "job/chk-3/_metadata: checksum mismatch"),
                    new DamagedCheckpoint(2, "state file job/shared/s-1 referenced by job/chk-2/_metadata is missing"));
        }

        @Test
        void failsWithEveryReasonWhenAllAreDamagedEvenWithARecoveryPath() {
            snapshots.damaged.put(file(2), "missing");
            snapshots.damaged.put(file(1), "corrupt");

            Failover.Choice choice = failover(RECOVERY).startFrom(List.of(checkpoint(2), checkpoint(1)));

            assertThat(choice.damaged()).hasSize(2);
            assertThat(choice.start()).isEqualTo(new NoIntactCheckpoint("no intact retained checkpoint to restore from: "
                    + "checkpoint 2 is damaged: missing; checkpoint 1 is damaged: corrupt"));
        }

        @Test
        void failsWhenTheNewestIntactOneDoesNotFitTheJobWithoutTryingOlderOnes() {
            snapshots.unfit.add(file(2));

            Failover.Choice choice = failover(null).startFrom(List.of(checkpoint(2), checkpoint(1)));

            assertThat(choice.start()).isEqualTo(new Unrestorable(
                    "cannot restore from " + file(2) + ": operator 'sum' runs at parallelism 3"));
        }
    }

    @Nested
    class WithoutRetainedCheckpoints {
        @Test
        void startsFromScratchWithoutARecoveryPath() {
            assertThat(failover(null).startFrom(List.of())).isEqualTo(new Failover.Choice(List.of(), new FromScratch()));
        }

        @Test
        void startsFromTheRecoveryPath() {
            Path savepoint = Path.of("/savepoints/sp-7/_metadata");

            assertThat(failover(savepoint).startFrom(List.of()).start())
                    .isEqualTo(new FromSnapshot(savepoint, metadata(savepoint)));
        }

        @Test
        void failsNamingTheRecoveryPathWhenItIsDamaged() {
            snapshots.damaged.put(RECOVERY, "state file missing");

            assertThat(failover(RECOVERY).startFrom(List.of()).start())
                    .isEqualTo(new Unrestorable("cannot restore from " + RECOVERY + ": state file missing"));
        }
    }
}
