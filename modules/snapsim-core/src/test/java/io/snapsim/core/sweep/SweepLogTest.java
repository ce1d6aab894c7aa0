package io.snapsim.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.PlannedFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLogTest {
    private static final SweepLog.Header HEADER = SweepLog.Header.of("tiny", "tiny.yaml", "deterministic", "1..3", 2,
            false, 2);
    private static final SweepLog.Seed FAILING = new SweepLog.Seed(3, Outcome.INVALID, "12 duplicates (expected equivalent)",
            List.of(new PlannedFault(0, "crash", Map.of("operator", "counter", "subtask", 0, "at-record", 300), false,
                    "drawn-at-random")), List.of(0), 14L, 2310, "seed-3", "scripts/snapsim run tiny.yaml --seed 3");
    private static final SweepLog.Seed NEVER_STARTED = new SweepLog.Seed(1, Outcome.UNKNOWN,
            "the run failed with java.lang.IllegalStateException: boom", List.of(), List.of(), null, 12, null,
            "scripts/snapsim run tiny.yaml --seed 1");

    @Test
    void readsBackTheHeaderAndEachSeedInTheOrderTheyEnded(@TempDir Path dir) throws IOException {
        try (SweepLog log = SweepLog.create(dir.resolve("sweep"), HEADER)) {
            log.append(FAILING);
            assertThat(Files.readAllLines(dir.resolve("sweep").resolve(SweepLog.FILE))).as("flushed as it comes")
                    .hasSize(2);
            log.append(NEVER_STARTED);
        }

        SweepLog.Sweep sweep = SweepLog.read(dir.resolve("sweep"));

        assertThat(sweep.header()).isEqualTo(HEADER);
        assertThat(sweep.seeds()).containsExactly(FAILING, NEVER_STARTED);
        assertThat(Files.readAllLines(dir.resolve("sweep").resolve(SweepLog.FILE)).get(0))
                .startsWith("{\"schema\":\"snapsim-sweep\",\"version\":1,\"simulation\":\"tiny\"");
    }

    @Test
    void aFolderWithoutALogIsNotASweepFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> SweepLog.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir + ": not a sweep folder (no sweep.jsonl)");
    }

    @Test
    void namesTheFileAndTheLineThatIsDamaged(@TempDir Path dir) throws IOException {
        try (SweepLog log = SweepLog.create(dir, HEADER)) {
            log.append(FAILING);
        }
        Path file = dir.resolve(SweepLog.FILE);
        Files.writeString(file, Files.readString(file) + "{\"seed\": 4, \"outcome\": \"MAYBE\"}\n");

        assertThatThrownBy(() -> SweepLog.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": line 3 is not a seed's result: ");
    }

    @Test
    void refusesAnotherFileOrAnotherVersion(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(SweepLog.FILE), "{\"schema\":\"snapsim-history\",\"version\":2}\n");
        assertThatThrownBy(() -> SweepLog.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": line 1 is not a sweep header (\"schema\": \"snapsim-sweep\")");

        Files.writeString(file, "{\"schema\":\"snapsim-sweep\",\"version\":7}\n");
        assertThatThrownBy(() -> SweepLog.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": sweep format version 7, this snapsim reads version 1");
    }
}
