package io.snapsim.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One key's lines of two outputs side by side, read from committed part files. */
class KeyLinesTest {
    @TempDir
    Path temp;

    @Test
    void countsEachDistinctLineOfTheKeyOnBothSidesAndNothingElse() {
        Path reference = OutputFolders.write(temp.resolve("reference"), List.of("7,1", "7,2", "70,1", "8,1", "7,3"), 2);
        List<Path> run = OutputFolders.writeRuns(temp.resolve("runs"), List.of("7,1", "7,2", "7,2", "8,1", "7,4"), 2, 2);

        KeyLines lines = KeyLines.of("7", List.of(reference), run, 100);

        assertThat(lines.lines()).containsExactly(new KeyLines.Line("7,1", 1, 1), new KeyLines.Line("7,2", 1, 2),
                new KeyLines.Line("7,3", 1, 0), new KeyLines.Line("7,4", 0, 1));
        assertThat(lines.lines()).filteredOn(KeyLines.Line::differs).hasSize(3);
        assertThat(lines.more()).isFalse();
    }

    @Test
    void keepsTheSmallestLinesExactlyWhenTheKeyHasMoreThanTheLimit() {
        Path reference = OutputFolders.write(temp.resolve("reference"), List.of("k,5", "k,4", "k,3", "k,2", "k,1"), 1);
        Path run = OutputFolders.write(temp.resolve("run"), List.of("k,1", "k,5", "k,1", "k,2"), 1);

        KeyLines lines = KeyLines.of("k", List.of(reference), List.of(run), 2);

        assertThat(lines.lines()).containsExactly(new KeyLines.Line("k,1", 1, 2), new KeyLines.Line("k,2", 1, 1));
        assertThat(lines.more()).isTrue();
    }
}
