package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Where the time of writing a large report goes (-Dsnapsim.bench=true); a probe, not a test. */
@EnabledIfSystemProperty(named = "snapsim.bench", matches = "true")
class RenderSpeedProbe {
    @Test
    void timesEachPart() throws Exception {
        Path file = Files.createTempFile("synthetic", ".jsonl");
        new SyntheticHistory(8, 8, true, 305).write(file);
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            List<HistoryEvent> history = HistoryReader.read(file);
            long t1 = System.nanoTime();
            TimelineData.of(history);
            long t2 = System.nanoTime();
            CutData.cuts(history);
            long t3 = System.nanoTime();
            System.out.printf("read %d ms, timeline %d ms, cuts %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);
        }
    }
}
