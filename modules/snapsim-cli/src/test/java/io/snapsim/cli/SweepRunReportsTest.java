package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's kept run folders carry their run report, as a single run's folder does; the folders it drops do not need one. */
class SweepRunReportsTest {
    private static final String TINY = """
            name: %s
            job: wordcount
            parameters: {records: 2000, vocabulary: 20}
            parallelism: 2
            execution: deterministic
            sink: %s
            config:
              execution.checkpointing.interval: 5 ms
              restart-strategy.type: fixed-delay
              restart-strategy.fixed-delay.delay: 1 ms
            faults:
              - crash: {operator: counter, subtask: 0, at-record: 300}
            """;

    @TempDir
    Path dir;

    @Test
    void aFailingSeedsFolderHasItsReport() throws IOException {
        // a plain sink shows the records replayed after the crash twice: INVALID
        Files.writeString(dir.resolve("plain.yaml"), TINY.formatted("plain", "plain"));

        Cli.Result sweep = Cli.in(dir).run("sweep", "plain.yaml", "--seeds", "3", "--parallel", "1");

        assertThat(sweep.exitCode()).as(sweep.out()).isEqualTo(1);
        Path seed = sweepDir("plain").resolve("seed-3");
        assertThat(Jsoup.parse(seed.resolve("index.html").toFile(), "UTF-8").selectFirst("#outcome .verdict").text())
                .isEqualTo("INVALID");
    }

    @Test
    void keepAllKeepsAReportForEverySeed() throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), TINY.formatted("tiny", "transactional"));

        Cli.Result sweep = Cli.in(dir).run("sweep", "tiny.yaml", "--seeds", "1,2", "--parallel", "2", "--keep-all");

        assertThat(sweep.exitCode()).as(sweep.out()).isZero();
        assertThat(sweepDir("tiny").resolve("seed-1").resolve("index.html")).isRegularFile();
        assertThat(sweepDir("tiny").resolve("seed-2").resolve("index.html")).isRegularFile();
    }

    private Path sweepDir(String simulation) throws IOException {
        try (Stream<Path> sweeps = Files.list(dir.resolve("reports").resolve(simulation))) {
            return sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
        }
    }
}
