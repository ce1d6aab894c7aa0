package io.snapsim.report;

import java.util.List;
import java.util.Map;

/**
 * The timeline: one lane per task plus the job master and the checkpoint coordinator, with
 * barriers as arrows, alignments shaded, snapshots, acknowledgements, completions, sink commits,
 * and faults, failures and restarts in red; attempts shaded apart. Zoom, pan and a hover card per
 * event. Drawn as SVG by the page's script from {@link TimelineData}; only the visible window and
 * lanes are drawn, and events closer than a few pixels are drawn as one mark, so that a run of
 * 100,000 events or 1,000 tasks still opens quickly.
 */
final class TimelineSection implements ReportSection {
    @Override
    public String id() {
        return "timeline";
    }

    @Override
    public String title() {
        return "Timeline";
    }

    @Override
    public String body(ReportInput input) {
        if (input.history().isEmpty()) {
            return "<p class=\"muted\">The run has no history: it never started, so there is nothing to draw.</p>";
        }
        return "<div class=\"tl-controls\" role=\"toolbar\" aria-label=\"timeline zoom\">"
                + "<button type=\"button\" data-zoom=\"in\" title=\"zoom in (+)\">+</button>"
                + "<button type=\"button\" data-zoom=\"out\" title=\"zoom out (-)\">&minus;</button>"
                + "<button type=\"button\" data-zoom=\"reset\" title=\"show the whole run (0)\">reset</button>"
                + "<span class=\"tl-window muted\"></span>"
                + "<span class=\"muted tl-hint\">Ctrl+wheel or +/&minus; to zoom, drag to pan, double-click to reset;"
                + " hover a mark for its fields.</span></div>"
                + TimelineLegend.html()
                + "<div class=\"tl-frame\"><svg class=\"tl-svg\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " aria-label=\"timeline of the run\"></svg></div>"
                + "<div class=\"tl-note muted\"></div>"
                + "<noscript><p>The timeline is drawn by JavaScript: enable it to see it.</p></noscript>";
    }

    @Override
    public Map<String, Object> data(ReportInput input) {
        return input.history().isEmpty() ? Map.of() : TimelineData.of(input.history());
    }

    @Override
    public List<String> scripts() {
        return List.of("svg-kit.js", "lane-view.js", "timeline-model.js", "timeline-marks.js", "timeline-draw.js",
                "timeline-hover.js", "timeline-controls.js", "timeline.js");
    }
}
