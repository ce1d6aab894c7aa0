package io.snapsim.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.sim.Faults.CoordinatorPhase;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.sim.Faults.StorageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue of fault types, and the kinds random plans draw from it. */
class FaultTypesTest {

    private static final FaultTypes CATALOGUE = FaultTypes.CATALOGUE;

    @Test
    void listsEveryTypeOnceInCatalogueOrder() {
        assertThat(CATALOGUE.names()).containsExactly("crash", "crash-at", "crash-operator", "crash-task-manager",
                "crash-coordinator", "storage", "network", "sink-commit-fails", "random", "cancel", "savepoint");
    }

    @Test
    void findsTheTypeEveryFaultNames() {
        List<FaultSpec> oneOfEach = List.of(CrashFault.atRecord("a", 0, 1),
                new Faults.CrashAt("a", 0, null, null, 1L), new Faults.CrashOperator("a", 1L, null, null),
                new Faults.CrashTaskManager(0, 2, 1L, null), new Faults.CrashCoordinator(1, CoordinatorPhase.AFTER_METADATA),
                new Faults.StorageFault(StorageKind.FAIL_WRITE, 1, null, null),
                new Faults.NetworkFault(NetworkKind.DROP, "a", "b", 0, null), new Faults.SinkCommitFails("a", 0, 1),
                new RandomFaults(1), new Faults.Cancel(1L, null), new Faults.Savepoint(1L, null, false));

        assertThat(oneOfEach).allSatisfy(fault -> assertThat(CATALOGUE.named(fault.type())).isSameAs(fault.faultType()));
        assertThat(oneOfEach).extracting(FaultSpec::type).containsExactlyElementsOf(CATALOGUE.names());
    }

    @Test
    void drawsSafeKindsTypeByTypeAndModelBreakingKindsLast() {
        assertThat(CATALOGUE.allKinds()).containsExactly("crash", "crash-at", "crash-operator", "crash-task-manager",
                "crash-coordinator", "storage.fail-write", "storage.slow-write", "storage.corrupt-data",
                "storage.delete-data", "storage.corrupt-metadata", "storage.delete-metadata", "network.delay",
                "network.stall", "sink-commit-fails", "network.drop", "network.reorder");
        assertThat(CATALOGUE.damageKinds()).containsExactly("storage.corrupt-data", "storage.delete-data",
                "storage.corrupt-metadata", "storage.delete-metadata");
        assertThat(CATALOGUE.modelBreakingKinds()).containsExactly("network.drop", "network.reorder");
        assertThat(CATALOGUE.defaultKinds()).doesNotContainAnyElementsOf(CATALOGUE.damageKinds())
                .doesNotContainAnyElementsOf(CATALOGUE.modelBreakingKinds());
    }

    @Test
    void expandsATypeToItsDefaultKindsAndItsDamageGroupToItsDamageKinds() {
        assertThat(CATALOGUE.expand("storage")).containsExactly("storage.fail-write", "storage.slow-write");
        assertThat(CATALOGUE.expand("network")).containsExactly("network.delay", "network.stall");
        assertThat(CATALOGUE.expand("storage.damage")).isEqualTo(CATALOGUE.damageKinds());
        assertThat(CATALOGUE.expand("network.drop")).containsExactly("network.drop");
        assertThat(CATALOGUE.expand("network.damage")).isEmpty();
        assertThat(CATALOGUE.expand("cancel")).isEmpty();
    }

    @Test
    void acceptsEveryKindThenTheTypesThatGroupThem() {
        assertThat(CATALOGUE.acceptedNames()).endsWith("network.reorder", "storage", "storage.damage", "network")
                .containsAll(CATALOGUE.allKinds());
    }

    @Test
    void neverDrawsTheItemsThatAreNotFaults() {
        for (String name : List.of("random", "cancel", "savepoint")) {
            assertThat(CATALOGUE.named(name).drawnKinds()).as(name).isEmpty();
            assertThatThrownBy(() -> CATALOGUE.drawing(name)).hasMessage("unknown fault kind '" + name + "'");
        }
    }

    @Test
    void refusesTwoTypesOfOneName() {
        assertThatThrownBy(() -> CATALOGUE.with(CrashFaultType.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two fault types are named 'crash'");
    }

    @Test
    void letsOnlyTheRandomItemRefuseToBeOptional() {
        for (String name : CATALOGUE.names()) {
            assertThat(CATALOGUE.named(name).whyNeverOptional()).as(name).isEqualTo(name.equals("random")
                    ? "faults drawn from the seed are optional already" : null);
        }
    }
}
