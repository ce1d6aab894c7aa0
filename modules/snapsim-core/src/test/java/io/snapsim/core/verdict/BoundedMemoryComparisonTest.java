package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparing output folders in bounded memory: small outputs stay in memory, large ones are
 * hash-partitioned into spill files under the scratch folder, which is left as it was found, and
 * the result is exactly the in-memory definition's.
 */
class BoundedMemoryComparisonTest {
    private static final long SMALL_BUDGET = 64 * 1024;

    @TempDir
    Path temp;

    /** {@code n} distinct running-sum lines over 1000 keys, in the order a sink writes them. */
    private static List<String> sums(int n) {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add((i % 1000) + "," + i);
        }
        return lines;
    }

    private Path folder(String name, List<String> lines) {
        return OutputFolders.write(temp.resolve(name), lines, 3);
    }

    private static List<String> filesIn(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    @Nested
    class Spilling {

        @Test
        void smallOutputsAreComparedInMemoryWithoutCreatingTheScratchFolder() throws Exception {
            List<String> lines = sums(1000);
            Path scratch = temp.resolve("scratch");
            PartitionedComparison comparison = new PartitionedComparison(scratch, OutputComparison.defaultMemoryBudget());

            comparison.compare(OutputLines.ofFolders(List.of(folder("reference", lines))),
                    OutputLines.ofFolders(List.of(folder("run", lines))));

            assertThat(comparison.spillFilesWritten()).isZero();
            assertThat(scratch).doesNotExist();
        }

        @Test
        void outputsAboveTheBudgetAreSpilledAndTheScratchFolderIsLeftEmpty() throws Exception {
            List<String> lines = sums(20_000);
            Path scratch = Files.createDirectory(temp.resolve("scratch"));
            PartitionedComparison comparison = new PartitionedComparison(scratch, SMALL_BUDGET);

            ComparisonTally tally = comparison.compare(OutputLines.ofFolders(List.of(folder("reference", lines))),
                    OutputLines.ofFolders(List.of(folder("run", lines))));

            assertThat(comparison.spillFilesWritten()).isGreaterThanOrEqualTo(4);
            assertThat(filesIn(scratch)).isEmpty();
            assertThat(tally.toComparison(null)).isEqualTo(InMemoryDefinition.compare(lines, lines));
        }

        @Test
        void aScratchFolderTheComparisonCreatedIsRemovedAgain() {
            List<String> lines = sums(20_000);
            Path scratch = temp.resolve("run-folder").resolve("verdict-scratch");

            OutputComparison c = OutputComparison.compare(List.of(folder("reference", lines)), List.of(folder("run", lines)),
                    Map.of(), Map.of(), scratch, SMALL_BUDGET);

            assertThat(c.outputEqual()).isTrue();
            assertThat(scratch).doesNotExist();
            assertThat(scratch.getParent()).isEmptyDirectory();
        }

        @Test
        void aComparisonThatFailsHalfwayLeavesNoScratchFilesBehind() throws Exception {
            List<String> lines = sums(20_000);
            Path run = folder("run", lines);
            Files.write(run.resolve("part-999.txt"), new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
            Path scratch = Files.createDirectory(temp.resolve("scratch"));

            assertThatThrownBy(() -> OutputComparison.compare(List.of(folder("reference", lines)), List.of(run), Map.of(),
                    Map.of(), scratch, SMALL_BUDGET))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("part-999.txt");
            assertThat(filesIn(scratch)).isEmpty();
        }

        @Test
        void twoHundredThousandLinesUnderA128KiBBudgetAreComparedExactly() throws Exception {
            List<String> reference = sums(200_000);
            List<String> actual = new ArrayList<>(reference.subList(100_000, 200_000));
            actual.addAll(reference.subList(0, 100_000)); // committed in another order
            actual.remove("7,7007");
            actual.remove("999,199999");
            actual.remove("0,0");
            actual.add("3,3003");
            actual.add(50_000, "5,5005");
            actual.add("1000,1");
            Path scratch = Files.createDirectory(temp.resolve("scratch"));
            PartitionedComparison comparison = new PartitionedComparison(scratch, 128 * 1024);

            OutputComparison c = comparison.compare(OutputLines.ofFolders(List.of(folder("reference", reference))),
                    OutputLines.ofFolders(List.of(folder("run", actual)))).toComparison(null);

            assertThat(c).isEqualTo(InMemoryDefinition.compare(reference, actual));
            assertThat(c.missing()).isEqualTo(3);
            assertThat(c.duplicates()).isEqualTo(2);
            assertThat(c.unexpected()).isEqualTo(1);
            assertThat(c.examples()).containsExactly("duplicate: 5,5005", "duplicate: 3,3003", "unexpected: 1000,1",
                    "missing: 0,0", "missing: 7,7007");
            assertThat(comparison.spillFilesWritten()).isGreaterThan(10);
            assertThat(filesIn(scratch)).isEmpty();
        }
    }

    @Nested
    class DuplicatesByKey {

        /** Every one of {@code keys} keys committed twice, and key k0000 three more times. */
        private static List<String> duplicated(List<String> reference) {
            List<String> actual = new ArrayList<>(reference);
            actual.addAll(reference);
            actual.addAll(List.of("k0000,1", "k0000,1", "k0000,1"));
            return actual;
        }

        private static List<String> keys(int n) {
            List<String> lines = new ArrayList<>();
            for (int k = n - 1; k >= 0; k--) {
                lines.add(String.format("k%04d,1", k));
            }
            return lines;
        }

        @Test
        void onlyTheSmallestKeysAreListedEachWithItsExactCount() {
            List<String> reference = keys(OutputComparison.MAX_DUPLICATE_KEYS + 500);

            OutputComparison c = OutputComparison.compare(reference, duplicated(reference), Map.of(), Map.of());

            assertThat(c.duplicates()).isEqualTo(reference.size() + 3);
            assertThat(c.duplicatesByKey()).hasSize(OutputComparison.MAX_DUPLICATE_KEYS);
            assertThat(c.duplicatesByKey().firstKey()).isEqualTo("k0000");
            assertThat(c.duplicatesByKey().get("k0000")).isEqualTo(4);
            assertThat(c.duplicatesByKey().lastKey()).isEqualTo(String.format("k%04d", OutputComparison.MAX_DUPLICATE_KEYS - 1));
            assertThat(c.duplicatesByKey().values()).containsOnly(1L, 4L);
        }

        @Test
        void spillingListsTheSameKeys() {
            List<String> reference = keys(OutputComparison.MAX_DUPLICATE_KEYS + 500);
            List<String> actual = duplicated(reference);

            OutputComparison spilled = OutputComparison.compare(List.of(folder("reference", reference)),
                    List.of(folder("run", actual)), Map.of(), Map.of(), temp.resolve("scratch"), 4 * 1024);

            assertThat(spilled).isEqualTo(OutputComparison.compare(reference, actual, Map.of(), Map.of()));
        }
    }

    @Nested
    class Folders {

        @Test
        void onlyCommittedPartFilesAreReadFolderAfterFolderAndFileAfterFileByName() {
            Path earlier = OutputFolders.write(temp.resolve("earlier"), List.of("u1", "u2", "u3"), 2);
            Path latest = OutputFolders.write(temp.resolve("latest"), List.of("u4", "u5", "u6"), 2);

            OutputComparison c = OutputComparison.compare(List.of(folder("reference", List.of())), List.of(earlier, latest),
                    Map.of(), Map.of(), temp.resolve("scratch"));

            assertThat(c.actualRecords()).isEqualTo(6);
            assertThat(c.examples()).containsExactly("unexpected: u1", "unexpected: u2", "unexpected: u3",
                    "unexpected: u4", "unexpected: u5");
        }

        @Test
        void aFolderThatDoesNotExistHasNoOutput() {
            OutputComparison c = OutputComparison.compare(List.of(temp.resolve("none")), List.of(temp.resolve("none-either")),
                    Map.of(), Map.of(), temp.resolve("scratch"));

            assertThat(c.referenceRecords()).isZero();
            assertThat(c.actualRecords()).isZero();
            assertThat(c.outputEqual()).isTrue();
        }
    }
}
