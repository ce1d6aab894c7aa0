package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The docs cannot go stale: the user guide's sample run is what the command prints today, its table
 * of shipped simulations lists every file in {@code simulations/} with the execution and expectation
 * the file states, the annotated simulation file is one the parser accepts, and every file the
 * README links to or runs exists.
 */
class DocsTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    /** {@code <!-- sample-run: ARGS -->} followed by a fenced block: what {@code snapsim ARGS} prints. */
    private static final Pattern SAMPLE = Pattern.compile("<!-- sample-run: (.+?) -->\\s*```\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `simulations/([^`]+)` \\| (\\w+) \\| ([\\w-]+) \\|");

    @TempDir
    Path reports;

    private static String userGuide() throws IOException {
        return Files.readString(ROOT.resolve("docs/user-guide.md"));
    }

    /**
     * The same text with what changes from run to run masked: the run folder's time stamp and
     * where it lies. The sample runs deterministically, so its times are virtual and its sizes do
     * not depend on the folder (a sink's folder is in the checkpoint metadata, not in its state).
     */
    private static String masked(String output) {
        return output.replaceAll("(?m)^(report:\\s+)\\S*?([^/\\s]+)/\\d{8}-\\d{6}-seed(\\d+)(-\\d+)?/", "$1$2/RUN-seed$3/")
                .replaceAll("(?m)^(resume with: .* -s )\\S*?([^/\\s]+)/\\d{8}-\\d{6}-seed(\\d+)(-\\d+)?/", "$1$2/RUN-seed$3/");
    }

    @Test
    void theSampleRunIsWhatTheCommandPrintsToday() throws IOException {
        Matcher sample = SAMPLE.matcher(userGuide());
        assertThat(sample.find()).as("a <!-- sample-run: ... --> block in docs/user-guide.md").isTrue();
        List<String> args = new ArrayList<>(List.of(sample.group(1).trim().split("\\s+")));
        args.addAll(List.of("--reports", reports.toString()));

        Cli.Result run = Cli.in(ROOT).run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(masked("$ scripts/snapsim " + sample.group(1).trim() + "\n" + run.out()))
                .isEqualTo(masked(sample.group(2)));
    }

    @Test
    void theTableOfShippedSimulationsListsEveryFileWithItsExecutionAndExpectation() throws IOException {
        Matcher row = TABLE_ROW.matcher(userGuide());
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
        }
        List<String> files = new ArrayList<>();
        SimulationParser parser = new SimulationParser(RunCommand.catalog());
        try (Stream<Path> shipped = Files.list(ROOT.resolve("simulations"))) {
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                SimulationSpec spec = parser.parse(file);
                files.add(file.getFileName() + " " + spec.execution().name().toLowerCase() + " "
                        + spec.expect().name().toLowerCase().replace('_', '-'));
            }
        }
        assertThat(rows).containsExactlyElementsOf(files);
    }

    @Test
    void theAnnotatedSimulationFileIsOneTheParserAccepts() throws IOException {
        Matcher example = Pattern.compile("<!-- annotated-simulation -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("docs/simulation-files.md")));
        assertThat(example.find()).as("an <!-- annotated-simulation --> block in docs/simulation-files.md").isTrue();

        SimulationSpec spec = new SimulationParser(RunCommand.catalog()).parse(example.group(1),
                Path.of("docs/simulation-files.md"));

        assertThat(spec.faults()).isNotEmpty();
    }

    @Test
    void theReadmeIsAFrontPageWhoseLinksAndSimulationFilesExist() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).as("README.md stays a front page").isLessThanOrEqualTo(150);
        List<String> missing = new ArrayList<>();
        Matcher link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)").matcher(readme);
        while (link.find()) {
            if (!link.group(1).startsWith("http") && !Files.exists(ROOT.resolve(link.group(1)))) {
                missing.add(link.group(1));
            }
        }
        Matcher simulation = Pattern.compile("scripts/snapsim \\w+ (simulations/\\S+\\.yaml)").matcher(readme);
        while (simulation.find()) {
            if (!Files.exists(ROOT.resolve(simulation.group(1)))) {
                missing.add(simulation.group(1));
            }
        }
        assertThat(missing).as("files README.md links to or runs").isEmpty();
    }

    @Test
    void everyCommandTheReadmeRunsIsACommandOfSnapsim() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher command = Pattern.compile("scripts/snapsim (\\w+)").matcher(readme);
        List<String> commands = new ArrayList<>();
        while (command.find()) {
            commands.add(command.group(1));
        }
        assertThat(commands).isNotEmpty();
        assertThat(new CommandLine(new SnapsimCommand(Map.of(), ROOT, false,
                CommandInput.piped(InputStream.nullInputStream())))
                .getSubcommands().keySet()).containsAll(commands);
    }
}
