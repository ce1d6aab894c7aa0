package io.snapsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.storage.AtomicFiles;
import io.snapsim.core.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run report: one self-contained HTML page ({@code index.html} in the run folder) drawn from the
 * run folder alone, with inline CSS, SVG and JavaScript, no network, opening from disk. Stateless.
 */
public final class RunReport {
    /** The report's file name in the run folder. */
    public static final String FILE = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /** Writes the report of the run in {@code runDir}, judged anew from its folder; returns its path. */
    public static Path render(Path runDir) {
        RunRecord record = RunRecord.read(runDir);
        return write(record, RunJudge.judge(record));
    }

    /** Writes the report of {@code record}, whose verdict is {@code verdict}; returns its path. */
    public static Path write(RunRecord record, Verdict verdict) {
        Path file = record.runDir().resolve(FILE);
        try {
            AtomicFiles.write(file, html(ReportInput.of(record, verdict)).getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The page for {@code input}. */
    static String html(ReportInput input) {
        List<ReportSection> sections = ReportSections.all().stream().filter(s -> s.appliesTo(input)).toList();
        StringBuilder page = new StringBuilder(1 << 16);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.text(input.record().inputs().simulation())).append(" · snapsim</title>")
                .append("<style>").append(resource("report.css")).append("</style></head><body>\n<nav>");
        for (ReportSection s : sections) {
            page.append("<a href=\"#").append(s.id()).append("\">").append(Html.text(s.title())).append("</a>");
        }
        page.append("</nav>\n<main>\n");
        for (ReportSection s : sections) {
            page.append("<section id=\"").append(s.id()).append("\"><h2>").append(Html.text(s.title())).append("</h2>\n")
                    .append(s.body(input)).append("\n</section>\n");
        }
        page.append("</main>\n<script type=\"application/json\" id=\"snapsim-data\">")
                .append(Html.scriptSafe(data(input, sections))).append("</script>\n");
        for (String script : scripts(sections)) {
            page.append("<script>").append(resource(script)).append("</script>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    private static String data(ReportInput input, List<ReportSection> sections) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (ReportSection s : sections) {
            Map<String, Object> d = s.data(input);
            if (!d.isEmpty()) {
                data.put(s.id(), d);
            }
        }
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report's data cannot be written as JSON", e);
        }
    }

    private static Set<String> scripts(List<ReportSection> sections) {
        Set<String> scripts = new LinkedHashSet<>();
        sections.forEach(s -> scripts.addAll(s.scripts()));
        return scripts;
    }

    /** A resource next to this class, as text. */
    static String resource(String name) {
        try (InputStream in = RunReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report resource " + name, e);
        }
    }
}
