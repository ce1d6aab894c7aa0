package io.snapsim.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.services.RuntimeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import io.snapsim.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFaultInjectorTest {
    @TempDir
    Path temp;

    private final List<HistoryEvent> history = new ArrayList<>();
    private final RuntimeServices services = new RuntimeServices(fixedAt(7),
            Runnable::run, new SplittableRandom(1), history::add);
    private Path chk;
    private CompletedCheckpoint checkpoint;

    @BeforeEach
    void checkpointOnDisk() throws Exception {
        chk = Files.createDirectories(temp.resolve("job/chk-3"));
        Files.writeString(chk.resolve("_metadata"), "metadata bytes");
        Files.createDirectories(chk.resolve("sum-1"));
        Files.writeString(chk.resolve("sum-1/state"), "state of sum 1");
        Files.writeString(chk.resolve("sum-0-keyed"), "state of sum 0");
        checkpoint = new CompletedCheckpoint(3, 1, 2, chk.resolve("_metadata").toString(), 28, TriggerKind.PERIODIC);
    }

    private StorageFaultInjector injector(CoordinatorFault fault) {
        return new StorageFaultInjector(List.of(new CoordinatorFault(9, CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY, 3),
                fault), services);
    }

    @Test
    void deletesTheStateFileOfThePlannedSubtaskAndRecordsIt() {
        StorageFaultInjector injector = injector(new CoordinatorFault(1, CoordinatorFault.Kind.DELETE_DATA, 3, "sum", 1));

        CheckpointDamaged damaged = injector.checkpointStored(checkpoint, 2).orElseThrow();

        assertThat(chk.resolve("sum-1/state")).doesNotExist();
        assertThat(chk.resolve("sum-0-keyed")).exists();
        String what = "deleted state file " + Path.of("sum-1", "state") + " of completed checkpoint 3";
        assertThat(damaged).isEqualTo(new CheckpointDamaged(1, "injected storage fault 1: " + what));
        assertThat(history).containsExactly(new FaultInjected(7, "coordinator", 2, 1, "storage.delete-data",
                "checkpoint 3", null, 3L, what));
    }

    @Test
    void corruptsTheMetadataByFlippingOneByte() throws Exception {
        StorageFaultInjector injector = injector(new CoordinatorFault(1, CoordinatorFault.Kind.CORRUPT_METADATA, 3));

        CheckpointDamaged damaged = injector.checkpointStored(checkpoint, 0).orElseThrow();

        assertThat(Files.readString(chk.resolve("_metadata"))).hasSize("metadata bytes".length()).isNotEqualTo("metadata bytes");
        assertThat(damaged.message()).endsWith("corrupted _metadata of completed checkpoint 3");
    }

    @Test
    void damagesTheMetadataWhenTheTargetedStateHasNoFileOfItsOwn() {
        StorageFaultInjector injector = injector(new CoordinatorFault(1, CoordinatorFault.Kind.DELETE_DATA, 3, "other", null));

        CheckpointDamaged damaged = injector.checkpointStored(checkpoint, 0).orElseThrow();

        assertThat(chk.resolve("_metadata")).doesNotExist();
        assertThat(damaged.message()).endsWith("(the targeted state has no file of its own: it is inline)");
    }

    @Test
    void leavesOtherCheckpointsAndTheCrashesAlone() {
        StorageFaultInjector injector = injector(new CoordinatorFault(1, CoordinatorFault.Kind.DELETE_METADATA, 4));

        assertThat(injector.checkpointStored(checkpoint, 0)).isEmpty();
        assertThat(chk.resolve("_metadata")).exists();
        assertThat(history).isEmpty();
    }

    /** A clock that always says {@code millis}. */
    private static Clock fixedAt(long millis) {
        return new Clock() {
            @Override
            public long millis() {
                return millis;
            }

            @Override
            public long nanos() {
                return millis * 1_000_000;
            }
        };
    }
}
