package io.snapsim.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoordinatorFaultInjectorTest {
    private final List<HistoryEvent> history = new ArrayList<>();
    private final RuntimeServices services = new RuntimeServices(fixedAt(42),
            Runnable::run, new SplittableRandom(1), history::add);

    private final CoordinatorFaultInjector injector = new CoordinatorFaultInjector(List.of(
            new CoordinatorFault(0, CoordinatorFault.Kind.CRASH_AFTER_METADATA, 2),
            new CoordinatorFault(1, CoordinatorFault.Kind.CORRUPT_METADATA, 3),
            new CoordinatorFault(2, CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY, 3)), services);

    @Test
    void crashesAfterTheMetadataOfThePlannedCheckpointAndRecordsIt() {
        assertThat(injector.afterMetadata(1, 0)).isEmpty();

        CoordinatorCrashed crashed = injector.afterMetadata(2, 0).orElseThrow();

        assertThat(crashed.faultIndex()).isZero();
        assertThat(crashed.message()).isEqualTo(
                "injected crash of the checkpoint coordinator (fault 0) after writing the metadata of checkpoint 2");
        assertThat(history).containsExactly(new FaultInjected(42, "coordinator", 0, 0, "crash-coordinator", "coordinator",
                "after-metadata", 2L, crashed.message()));
    }

    @Test
    void crashesBeforeNotifyingOnlyInThatPhase() {
        assertThat(injector.afterMetadata(3, 1)).isEmpty();

        CoordinatorCrashed crashed = injector.beforeNotify(3, 1).orElseThrow();

        assertThat(crashed.faultIndex()).isEqualTo(2);
        assertThat(crashed.message()).endsWith("before notifying the completion of checkpoint 3");
        assertThat(history).singleElement().isInstanceOfSatisfying(FaultInjected.class, f -> {
            assertThat(f.phase()).isEqualTo("before-notify");
            assertThat(f.attempt()).isEqualTo(1);
        });
    }

    @Test
    void leavesTheDamageFaultsToTheStorageSeam() {
        assertThat(injector.beforeNotify(2, 0)).isEmpty();
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
