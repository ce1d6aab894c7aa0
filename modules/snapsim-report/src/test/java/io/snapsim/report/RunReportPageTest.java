package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page of a real run with a crash, read with jsoup: the timeline's and the cut's structure and data, no browser. */
class RunReportPageTest {
    private static Document page() throws Exception {
        Path file = RunFolders.render(CrashRun.aligned().runDir());
        return Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void embedsTheTimelineAndTheCutWithTheirDataAndScripts() throws Exception {
        Document page = page();
        assertThat(page.select("section#timeline svg.tl-svg")).hasSize(1);
        assertThat(page.select("section#cut svg.cut-svg")).hasSize(1);
        JsonNode data = new ObjectMapper().readTree(page.getElementById("snapsim-data").data());
        assertThat(data.path("timeline").path("lanes")).hasSize(6);
        assertThat(data.path("cut").path("checkpoints").size()).isEqualTo(page.select("select.cut-select option").size());
        String scripts = page.select("script:not([type])").html();
        assertThat(scripts).contains("Snapsim.Timeline = function", "Snapsim.Cut = function", "Snapsim.LaneFrame");
    }

    @Test
    void offersEveryCheckpointAndShowsACompletedOneFirstWithItsExplanation() throws Exception {
        Document page = page();
        Element selected = page.selectFirst("select.cut-select option[selected]");
        assertThat(selected.text()).contains("completed");
        assertThat(page.select("select.cut-select option").eachText()).anySatisfy(t -> assertThat(t).startsWith("chk 2 · failed"));
        assertThat(page.selectFirst("p.cut-explanation").text()).contains("The snapshot is consistent");
    }

    @Test
    void needsNothingFromTheNetwork() throws Exception {
        Document page = page();
        assertThat(page.select("script[src], link[href], img[src], iframe")).isEmpty();
        String withoutTheSvgNamespace = page.html().replace("http://www.w3.org/2000/svg", "");
        assertThat(withoutTheSvgNamespace).doesNotContain("http://", "https://", "@import", "url(http");
    }
}
