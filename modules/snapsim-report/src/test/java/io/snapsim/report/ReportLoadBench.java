package io.snapsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long the run report takes to open in headless Chromium: until the load event and until the
 * timeline and the cut are drawn, the median of several loads, for a real run and for synthetic
 * histories of 1,000 tasks and of about 100,000 events (written in the real format by
 * {@link SyntheticHistory} into a copy of a real run folder). Run by {@code scripts/bench-report},
 * not by the default suite (-Dsnapsim.bench=true).
 */
@EnabledIfSystemProperty(named = "snapsim.bench", matches = "true")
class ReportLoadBench {
    private static final int LOADS = Integer.getInteger("snapsim.bench.loads", 7);

    @Test
    void measuresHowLongThePageTakesToOpen() throws Exception {
        HeadlessChromium.requireInstalled();
        Path real = CrashRun.aligned().runDir();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-44s %9s %8s %9s %10s %10s %10s", "page", "events", "lanes", "size",
                "render", "load (ms)", "drawn (ms)"));
        ChromeDriver browser = HeadlessChromium.start(1400, 1000);
        try {
            lines.add(measure(browser, "real run: running-sum crash, parallelism 2", real, -1));
            lines.add(measure(browser, "synthetic: 1,000 tasks (500 -> 500), 10 chk", copy(real, "tasks1000"),
                    new SyntheticHistory(500, 500, false, 10).write(historyOf(real, "tasks1000"))));
            lines.add(measure(browser, "synthetic: 16 tasks all-to-all, 305 chk", copy(real, "events100k"),
                    new SyntheticHistory(8, 8, true, 305).write(historyOf(real, "events100k"))));
        } finally {
            browser.quit();
        }
        String table = String.join("\n", lines);
        System.out.println("\n" + table + "\n(median of " + LOADS + " loads each; load = loadEventEnd,"
                + " drawn = both the timeline and the cut drawn, ms since navigation start)\n");
        Files.writeString(Path.of("target", "bench-report.txt"), table + "\n");
    }

    private String measure(ChromeDriver browser, String name, Path runDir, long events) throws IOException {
        long start = System.nanoTime();
        Path page = RunFolders.render(runDir);
        long renderMs = (System.nanoTime() - start) / 1_000_000;
        List<Long> loads = new ArrayList<>();
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            browser.get("about:blank");
            browser.get(page.toUri().toString());
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(b -> b.findElement(By.id("timeline"))
                    .getAttribute("data-drawn-ms") != null && b.findElement(By.id("cut")).getAttribute("data-drawn-ms") != null);
            loads.add(((Number) browser.executeScript(
                    "return performance.getEntriesByType('navigation')[0].loadEventEnd")).longValue());
            drawn.add(Math.max(Long.parseLong(browser.findElement(By.id("timeline")).getAttribute("data-drawn-ms")),
                    Long.parseLong(browser.findElement(By.id("cut")).getAttribute("data-drawn-ms"))));
            assertThat(HeadlessChromium.consoleErrors(browser)).as(name).isEmpty();
        }
        long lanes = browser.findElements(By.cssSelector("#timeline g.lane")).size();
        long count = events >= 0 ? events : Files.lines(runDir.resolve(RunFolder.HISTORY)).count() - 1;
        return String.format(Locale.ROOT, "%-44s %9d %8s %8.1fM %8dms %10d %10d", name, count, lanes + " drawn",
                Files.size(page) / 1e6, renderMs, median(loads), median(drawn));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** A copy of the real run's folder, whose history a synthetic one replaces. */
    private static Path copy(Path runDir, String name) throws IOException {
        Path target = runDir.resolveSibling(runDir.getFileName() + "-" + name);
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(runDir.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    private static Path historyOf(Path runDir, String name) {
        return runDir.resolveSibling(runDir.getFileName() + "-" + name).resolve(RunFolder.HISTORY);
    }
}
