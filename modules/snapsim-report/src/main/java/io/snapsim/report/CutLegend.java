package io.snapsim.report;

/** The cut diagram's legend; the classes are those the page's script draws with ({@code cut-draw.js}). Stateless. */
final class CutLegend {
    private CutLegend() {
    }

    private static final String[][] ITEMS = {
        {"cut-line", "<path d=\"M2 1 L9 7 L5 13\"/>", "the cut: each task's snapshot"},
        {"cut-before", "<rect x=\"1\" y=\"2\" width=\"12\" height=\"10\"/>", "in the checkpoint (before the cut)"},
        {"cut-barrier", "<line x1=\"1\" y1=\"11\" x2=\"13\" y2=\"3\"/>", "barrier on a channel"},
        {"cut-blocked", "<rect x=\"1\" y=\"4\" width=\"12\" height=\"6\"/>", "blocked channel: records held"},
        {"cut-held", "<line x1=\"1\" y1=\"11\" x2=\"13\" y2=\"3\"/>", "held records: next epoch"},
        {"cut-crossing", "<line x1=\"1\" y1=\"11\" x2=\"13\" y2=\"3\"/>", "records crossing the cut"},
        {"cut-missing", "<path d=\"M3 3 L11 11 M11 3 L3 11\"/>", "no snapshot"},
    };

    static String html() {
        StringBuilder html = new StringBuilder("<ul class=\"tl-legend\">");
        for (String[] item : ITEMS) {
            html.append("<li><svg class=\"").append(item[0]).append("\" width=\"14\" height=\"14\" aria-hidden=\"true\">")
                    .append(item[1]).append("</svg>").append(Html.text(item[2])).append("</li>");
        }
        return html.append("</ul>").toString();
    }
}
