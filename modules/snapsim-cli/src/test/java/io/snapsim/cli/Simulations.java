package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs a small simulation written by a test, and finds the run folder it made. */
final class Simulations {
    private Simulations() {
    }

    /**
     * Writes {@code name.yaml} ({@code name: name} and then {@code body}) into {@code dir}, runs it
     * with {@code snapsim run} into {@code dir/reports}, expects a VALID verdict, and returns the
     * run's folder.
     */
    static Path run(Cli cli, Path dir, String name, String body) {
        try {
            Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\n" + body);
            Cli.Result run = cli.run("run", name + ".yaml", "--reports", "reports");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            try (Stream<Path> runs = Files.list(dir.resolve("reports").resolve(name))) {
                List<Path> folders = runs.filter(Files::isDirectory).toList();
                assertThat(folders).as("the run folders of %s", name).hasSize(1);
                return folders.get(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
