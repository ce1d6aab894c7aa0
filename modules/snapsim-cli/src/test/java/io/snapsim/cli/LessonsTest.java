package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lessons in {@code simulations/lessons/}: at least eight, each a simulation with its lesson text,
 * each named with its title in the course outline (docs/teaching.md), and a lesson's run records its
 * text in run.json. (ShippedSimulationsTest runs each and holds it to its expect:.)
 */
class LessonsTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    static List<Path> lessons() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("simulations/lessons"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyLessonHasItsTextAndTheCourseOutlineNamesIt() throws IOException {
        SimulationParser parser = new SimulationParser(RunCommand.catalog());
        String outline = Files.readString(ROOT.resolve("docs/teaching.md"));

        assertThat(lessons()).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : lessons()) {
            SimulationSpec spec = parser.parse(file);
            assertThat(spec.lesson()).as("%s has a lesson: block", file.getFileName()).isNotNull();
            assertThat(spec.lesson().questions()).isNotEmpty();
            assertThat(outline).as("docs/teaching.md lists %s with its title", file.getFileName())
                    .contains("| `simulations/lessons/" + file.getFileName() + "` | " + spec.lesson().title() + " |");
            String prose = outline.replace("`", "").replaceAll("\\s+", " ");
            for (String question : spec.lesson().questions()) {
                assertThat(prose.contains(question.replace("`", "")))
                        .as("docs/teaching.md asks %s's question '%s'", file.getFileName(), question).isTrue();
            }
        }
    }

    @Test
    void aLessonsRunRecordsItsTextInRunJson() throws IOException {
        Path lesson = ROOT.resolve("simulations/lessons/01-why-barriers.yaml");

        Cli.Result run = Cli.in(dir).run("run", lesson.toString(), "--reports", "reports");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path runJson;
        try (Stream<Path> runs = Files.list(dir.resolve("reports/lesson-01-why-barriers"))) {
            runJson = runs.findFirst().orElseThrow().resolve("run.json");
        }
        JsonNode recorded = new ObjectMapper().readTree(runJson.toFile()).get("lesson");
        assertThat(recorded.get("title").asText()).isEqualTo("Why barriers");
        assertThat(recorded.get("questions")).hasSize(3);
        assertThat(recorded.get("watch").asText()).startsWith("Step to the first checkpoint-triggered event (c)");
    }
}
