package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.runtime.sim.SimulationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report of a real run with a crash and completed checkpoints, opened in headless Chromium from
 * disk: no console errors, a lane per task, the cut drawn for a completed and for the failed
 * checkpoint, zoom and the hover card working, and a screenshot under {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest {
    private SimulationResult run;
    private List<HistoryEvent> history;
    private ChromeDriver browser;

    @BeforeAll
    void openTheReport() {
        HeadlessChromium.requireInstalled();
        run = CrashRun.aligned();
        history = CrashRun.input(run).history();
        Path page = RunFolders.render(run.runDir());
        browser = HeadlessChromium.start(1400, 1800);
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "true".equals(
                b.findElement(By.id("timeline")).getAttribute("data-drawn"))
                && "true".equals(b.findElement(By.id("cut")).getAttribute("data-drawn")));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logsNoConsoleError() {
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
    }

    @Test
    void seesAConsoleErrorWhenThereIsOne() {
        browser.executeScript("console.error('snapsim probe: an error the page did not make')");
        assertThat(HeadlessChromium.consoleErrors(browser)).anySatisfy(m -> assertThat(m).contains("snapsim probe"));
    }

    @Test
    void drawsOneLanePerTaskPlusTheMasterAndTheCoordinator() {
        int tasks = history.stream().filter(e -> e instanceof JobEvents.Deployed).map(e -> ((JobEvents.Deployed) e).tasks())
                .findFirst().orElseThrow();
        List<String> taskLanes = browser.findElements(By.cssSelector("#timeline g.task-lane")).stream()
                .map(l -> l.getAttribute("data-lane")).toList();
        assertThat(taskLanes).hasSize(tasks).containsExactly("source#0", "source#1", "sum->sink#0", "sum->sink#1");
        assertThat(browser.findElements(By.cssSelector("#timeline g.actor-lane"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#timeline line.arrow"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#timeline rect.ckpt-span.failed"))).hasSize(1);
    }

    @Test
    void drawsTheCutOfACompletedCheckpointThroughEveryTask() {
        assertThat(browser.findElement(By.id("cut")).getAttribute("data-checkpoint")).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#cut polyline.cut-line"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#cut path.cut-snapshot"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#cut line.cut-barrier"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#cut .cut-frame .cut-crossing"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#cut .cut-explanation")).getText())
                .contains("The snapshot is consistent");
        assertThat(browser.findElements(By.cssSelector("#cut table.cut-channels tbody tr"))).hasSize(4);
    }

    @Test
    void switchesTheCutToTheFailedCheckpoint() {
        Select select = new Select(browser.findElement(By.cssSelector("#cut select.cut-select")));
        String before = select.getFirstSelectedOption().getAttribute("value");
        try {
            select.selectByVisibleText(select.getOptions().stream().map(WebElement::getText)
                    .filter(t -> t.startsWith("chk 2 ")).findFirst().orElseThrow());
            assertThat(browser.findElement(By.id("cut")).getAttribute("data-checkpoint")).isEqualTo("2");
            assertThat(browser.findElement(By.cssSelector("#cut .cut-explanation")).getText()).contains("failed", "incomplete");
            assertThat(browser.findElements(By.cssSelector("#cut .cut-frame path.cut-missing"))).isNotEmpty();
            assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
        } finally {
            select.selectByValue(before);
        }
    }

    @Test
    void zoomsAndShowsAHoverCardForABarrier() {
        WebElement window = browser.findElement(By.cssSelector("#timeline .tl-window"));
        String whole = window.getText();
        browser.findElement(By.cssSelector("#timeline button[data-zoom=in]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> !window.getText().equals(whole));
        browser.findElement(By.cssSelector("#timeline button[data-zoom=reset]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> window.getText().equals(whole));
        WebElement arrow = browser.findElement(By.cssSelector("#timeline line.arrow"));
        new Actions(browser).moveToElement(arrow).perform();
        WebElement card = browser.findElement(By.cssSelector(".hover-card"));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> card.isDisplayed());
        assertThat(card.getText()).contains("barrier", "sent after");
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
    }

    @Test
    void savesAScreenshot() throws Exception {
        Path shot = Path.of("target", "report-screenshots", "crash-run.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /** Every completed checkpoint of the history has a row in the checkpoints section's history table. */
    @Test
    void listsEveryCompletedCheckpointInTheCheckpointsTable() {
        List<String> rows = browser.findElements(By.cssSelector("#checkpoints table.checkpoints tbody tr")).stream()
                .map(WebElement::getText).toList();
        history.stream().filter(e -> e instanceof CheckpointEvents.Completed).map(e -> ((CheckpointEvents.Completed) e).checkpoint())
                .forEach(id -> assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(id + " ")));
    }
}
