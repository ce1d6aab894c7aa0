package io.snapsim.report;

/**
 * The timeline's legend: what each mark means. The classes name the categories the page's script
 * gives events ({@code timeline-marks.js}); the two must agree. Stateless.
 */
final class TimelineLegend {
    private TimelineLegend() {
    }

    private static final String[][] ITEMS = {
        {"barrier", "<line x1=\"1\" y1=\"10\" x2=\"13\" y2=\"3\"/>", "barrier, sender to receiver"},
        {"align", "<rect x=\"1\" y=\"3\" width=\"12\" height=\"8\"/>", "alignment (blocked channels on hover)"},
        {"snapshot", "<path d=\"M7 2 L12 7 L7 12 L2 7 Z\"/>", "snapshot"},
        {"ack", "<circle cx=\"7\" cy=\"7\" r=\"3.5\"/>", "acknowledged, notified"},
        {"ckpt", "<rect x=\"1\" y=\"4\" width=\"12\" height=\"6\"/>", "checkpoint (trigger to completion)"},
        {"sink", "<rect x=\"3\" y=\"3\" width=\"8\" height=\"8\"/>", "sink pre-commit, commit, abort"},
        {"life", "<line x1=\"7\" y1=\"2\" x2=\"7\" y2=\"12\"/>", "task phase, deploy"},
        {"fault", "<path d=\"M7 1 L13 13 L1 13 Z\"/>", "fault, failure, failover, restart"},
        {"other", "<circle cx=\"7\" cy=\"7\" r=\"2\"/>", "other events"},
    };

    /** The legend as HTML, with a small SVG swatch per category. */
    static String html() {
        StringBuilder html = new StringBuilder("<ul class=\"tl-legend\">");
        for (String[] item : ITEMS) {
            html.append("<li><svg class=\"mark-").append(item[0]).append("\" width=\"14\" height=\"14\" aria-hidden=\"true\">")
                    .append(item[1]).append("</svg>").append(Html.text(item[2])).append("</li>");
        }
        return html.append("</ul>").toString();
    }
}
