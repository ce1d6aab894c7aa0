package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees on the console: snapsim's own lines only, no SLF4J start-up warnings and no
 * stack traces. Each case runs {@code snapsim} in a fresh JVM, as the launcher does, because SLF4J
 * binds once per JVM and its warnings, like Pekko's, go straight to the process's streams.
 */
class ConsoleOutputTest {
    private static final String WORDCOUNT = """
            job: wordcount
            parameters: {records: 20000, vocabulary: 50}
            parallelism: 2
            sink: transactional
            expect: equivalent
            """;

    @TempDir
    Path workingDir;

    @Test
    void aLiveRunPrintsNeitherSlf4jWarningsNorStackTraces() throws Exception {
        Files.writeString(workingDir.resolve("live.yaml"), WORDCOUNT + """
                seed: 1
                execution: live
                config:
                  execution.checkpointing.interval: 5 ms
                """);

        Console console = snapsim("run", "live.yaml", "--reports", "reports");

        assertThat(console.exitCode()).as(console.all()).isZero();
        assertThat(console.out()).contains("verdict:     VALID");
        assertQuiet(console);
    }

    @Test
    void aShrinkPrintsOneLinePerRerunAndNoStackTraces() throws Exception {
        // No restarts allowed: the crash fails the job, so the run and every re-run keeping the crash are UNKNOWN.
        Files.writeString(workingDir.resolve("fails.yaml"), WORDCOUNT + """
                seed: 2
                execution: deterministic
                config:
                  execution.checkpointing.interval: 5 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 0
                faults:
                  - crash: {operator: counter, subtask: 1, at-record: 5000}
                """);

        Console console = snapsim("run", "fails.yaml", "--shrink", "--reports", "reports");

        assertThat(console.exitCode()).as(console.all()).isEqualTo(2);
        assertThat(console.out()).contains("    1   0 fault(s)  VALID    passes")
                .contains("    2   1 fault(s)  UNKNOWN  still fails");
        assertQuiet(console);
    }

    @Test
    void aParallelSweepPrintsNoSlf4jWarnings() throws Exception {
        Files.writeString(workingDir.resolve("sweep.yaml"), WORDCOUNT + """
                execution: deterministic
                config:
                  execution.checkpointing.interval: 5 ms
                  restart-strategy.type: fixed-delay
                  restart-strategy.fixed-delay.attempts: 10
                  restart-strategy.fixed-delay.delay: 1 ms
                faults:
                  - random: {count: 2}
                """);

        Console console = snapsim("sweep", "sweep.yaml", "--seeds", "1..4", "--parallel", "2", "--reports", "reports");

        assertThat(console.exitCode()).as(console.all()).isZero();
        assertQuiet(console);
    }

    private static void assertQuiet(Console console) {
        List<String> noise = console.all().lines()
                .filter(line -> line.contains("SLF4J") || line.startsWith("\tat ") || line.contains("Exception"))
                .toList();
        assertThat(noise.size()).as("SLF4J and stack-trace lines, the first: %s", noise.stream().limit(5).toList())
                .isZero();
    }

    private record Console(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs {@code snapsim args} in a new JVM on this module's classpath, in {@link #workingDir}. */
    private Console snapsim(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), SnapsimCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDir, "stdout", ".txt");
        Path err = Files.createTempFile(workingDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("snapsim ended within 3 minutes").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Console(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
