package io.snapsim.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.snapsim.core.archfixture.UsesPekko;
import io.snapsim.runtime.archfixture.one.One;
import io.snapsim.runtime.archfixture.rocks.NamesRocksDB;
import io.snapsim.runtime.archfixture.two.Two;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shape the runtime keeps: core knows nothing of Pekko (a pure model under thin actors), the
 * runtime's packages form no cycle (each depends on {@code protocol} and core, never round in a
 * circle), and no runtime class names the RocksDB module (backends are found through the SPI). Each
 * rule is also shown failing on a planted violation in {@code archfixture}, so that a rule that
 * matches nothing cannot pass unnoticed.
 */
class ArchitectureTest {
    static final ArchRule CORE_HAS_NO_PEKKO = noClasses().that().resideInAPackage("io.snapsim.core..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
            .because("core is the pure model; actors live in the runtime");
    static final ArchRule RUNTIME_PACKAGES_FREE_OF_CYCLES = slices().matching("io.snapsim.runtime.(**)")
            .should().beFreeOfCycles();
    static final ArchRule RUNTIME_NAMES_NO_ROCKSDB = noClasses().that().resideInAPackage("io.snapsim.runtime..")
            .should().dependOnClassesThat().resideInAPackage("io.snapsim.rocksdb..")
            .because("state backends are found through the backend SPI (state.backend.type)");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.snapsim");
    }

    @Test
    void coreHasNoPekkoImport() {
        assertThatCode(() -> CORE_HAS_NO_PEKKO.check(production)).doesNotThrowAnyException();
    }

    @Test
    void runtimePackagesFormNoCycle() {
        assertThatCode(() -> RUNTIME_PACKAGES_FREE_OF_CYCLES.check(production)).doesNotThrowAnyException();
    }

    @Test
    void noRuntimeClassNamesTheRocksDBModule() {
        assertThatCode(() -> RUNTIME_NAMES_NO_ROCKSDB.check(production)).doesNotThrowAnyException();
    }

    @Test
    void theRulesSawTheWholeProject() {
        assertThat(production.containPackage("io.snapsim.runtime.protocol")).isTrue();
        assertThat(production.containPackage("io.snapsim.core.history")).isTrue();
        assertThat(production.containPackage("io.snapsim.rocksdb")).isTrue();
    }

    /** Each rule fails on a planted violation. */
    @Nested
    class PlantedViolations {
        @Test
        void aCoreClassImportingPekkoFails() {
            JavaClasses planted = new ClassFileImporter().importClasses(UsesPekko.class);

            assertThatThrownBy(() -> CORE_HAS_NO_PEKKO.check(planted)).hasMessageContaining(UsesPekko.class.getName());
        }

        @Test
        void aCycleBetweenRuntimePackagesFails() {
            JavaClasses planted = new ClassFileImporter().importClasses(One.class, Two.class);

            assertThatThrownBy(() -> RUNTIME_PACKAGES_FREE_OF_CYCLES.check(planted)).hasMessageContaining("Cycle detected")
                    .hasMessageContaining("archfixture");
        }

        @Test
        void aRuntimeClassNamingRocksDBFails() {
            JavaClasses planted = new ClassFileImporter().importClasses(NamesRocksDB.class);

            assertThatThrownBy(() -> RUNTIME_NAMES_NO_ROCKSDB.check(planted)).hasMessageContaining(NamesRocksDB.class.getName());
        }
    }
}
