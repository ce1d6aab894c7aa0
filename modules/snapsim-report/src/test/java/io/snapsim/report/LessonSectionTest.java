package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.Lesson;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson's text on the report of a lesson's run, read back from its run.json; no such section otherwise. */
class LessonSectionTest {
    @TempDir
    Path temp;

    private Document reportOf(Lesson lesson) throws Exception {
        SimulationSpec spec = new SimulationSpec("taught", "", temp.resolve("taught.yaml"), "running-sum",
                Map.of("records", 20_000, "keys", 20), 2, 1, ExecutionMode.DETERMINISTIC, SinkKind.TRANSACTIONAL,
                Expectation.EQUIVALENT, Configuration.fromMap(Map.of("execution.checkpointing.interval", "10 ms"), "test"),
                List.of(), lesson);
        SimulationResult result = new SimulationRunner(temp.resolve("reports"), line -> { }).run(spec, spec.config(),
                lesson == null ? "plain" : "lesson");
        Path page = RunReport.render(result.runDir());
        return Jsoup.parse(Files.readString(page));
    }

    @Test
    void showsTheLessonsTitleWhatToWatchAndQuestions() throws Exception {
        Document page = reportOf(new Lesson("Why <barriers>", "Step to the first trigger.\n\nThen follow barrier 1.",
                List.of("Why not all at once?", "What is a cut?")));

        Element section = page.getElementById("lesson");
        assertThat(section).isNotNull();
        assertThat(section.selectFirst("h2").text()).isEqualTo("Lesson");
        assertThat(section.selectFirst(".lesson-title").text()).as("escaped, shown as written").isEqualTo("Why <barriers>");
        assertThat(section.select("p").eachText()).contains("Step to the first trigger.", "Then follow barrier 1.");
        assertThat(section.select("ol.lesson-questions li").eachText()).containsExactly("Why not all at once?", "What is a cut?");
        assertThat(section.selectFirst("pre").text()).startsWith("scripts/snapsim step " + temp.resolve("taught.yaml"));
        assertThat(page.select("nav a").eachAttr("href")).contains("#lesson");
    }

    @Test
    void aRunThatIsNoLessonHasNoLessonSection() throws Exception {
        Document page = reportOf(null);

        assertThat(page.getElementById("lesson")).isNull();
        assertThat(page.select("nav a").eachAttr("href")).doesNotContain("#lesson");
        assertThat(page.getElementById("run")).as("the other sections are there").isNotNull();
    }
}
