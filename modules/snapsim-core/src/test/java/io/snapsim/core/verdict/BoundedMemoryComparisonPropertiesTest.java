package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.storage.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The comparison of output folders, with a memory budget so small (a few lines) that it spills and
 * often splits its spill files again, equals the in-memory definition on random outputs: counts, duplicates per
 * key and the examples, in order.
 */
class BoundedMemoryComparisonPropertiesTest {

    /** A reference output and a run's output derived from it by losing, repeating and inventing lines. */
    record Outputs(List<String> reference, List<String> actual) {}

    @Provide
    Arbitrary<Outputs> outputs() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "key-7", "ключ", "é", "", "x y");
        Arbitrary<String> keyed = Combinators.combine(keys, Arbitraries.integers().between(0, 12))
                .as((k, v) -> k + "," + v);
        Arbitrary<String> unkeyed = Arbitraries.strings().withChars("abz€ ,;").ofMaxLength(6);
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(8, keyed), Tuple.of(1, unkeyed));
        Arbitrary<List<String>> reference = line.list().ofMaxSize(250);
        return Combinators.combine(reference, line.list().ofMaxSize(20), Arbitraries.longs())
                .as((ref, invented, seed) -> new Outputs(ref, derive(ref, invented, new Random(seed))));
    }

    private static List<String> derive(List<String> reference, List<String> invented, Random random) {
        List<String> actual = new ArrayList<>();
        for (String line : reference) {
            int roll = random.nextInt(20);
            if (roll > 0) {
                actual.add(line); // roll 0 loses it
            }
            if (roll == 1) {
                actual.add(line); // and roll 1 repeats it
            }
        }
        actual.addAll(invented.subList(0, random.nextInt(invented.size() + 1)));
        Collections.shuffle(actual, random);
        return actual;
    }

    @Property(tries = 120)
    void aComparisonOfFoldersUnderATinyBudgetEqualsTheInMemoryDefinition(
            @ForAll("outputs") Outputs outputs, @ForAll @IntRange(min = 1, max = 3) int actualFolders,
            @ForAll @IntRange(min = 1, max = 4) int filesPerFolder, @ForAll @IntRange(min = 200, max = 4000) int budget)
            throws IOException {
        Path temp = Files.createTempDirectory("snapsim-verdict-property");
        try {
            List<Path> reference = List.of(OutputFolders.write(temp.resolve("reference"), outputs.reference(), 2));
            List<Path> actual = OutputFolders.writeRuns(temp, outputs.actual(), actualFolders, filesPerFolder);
            Path scratch = Files.createDirectory(temp.resolve("scratch"));

            OutputComparison spilled = OutputComparison.compare(reference, actual, Map.of(), Map.of(), scratch, budget);
            OutputComparison inMemory = OutputComparison.compare(reference, actual, Map.of(), Map.of(), scratch);

            OutputComparison expected = InMemoryDefinition.compare(outputs.reference(), outputs.actual());
            assertThat(spilled).isEqualTo(expected);
            assertThat(inMemory).isEqualTo(expected);
            try (var left = Files.list(scratch)) {
                assertThat(left).as("scratch files left behind").isEmpty();
            }
        } finally {
            FileTrees.deleteRecursively(temp);
        }
    }

    @Property(tries = 300)
    void theListOverloadEqualsTheInMemoryDefinition(@ForAll("outputs") Outputs outputs) {
        assertThat(OutputComparison.compare(outputs.reference(), outputs.actual(), Map.of(), Map.of()))
                .isEqualTo(InMemoryDefinition.compare(outputs.reference(), outputs.actual()));
    }
}
