package io.snapsim.report;

import io.snapsim.core.history.JobEvents.GraphEdge;
import io.snapsim.core.history.JobEvents.GraphOperator;
import io.snapsim.core.history.JobEvents.GraphVertex;
import java.util.List;
import java.util.Locale;

/**
 * Draws the job graph as inline SVG, left to right: one box per chain (its parallelism in the
 * corner, its operators stacked inside, head first, joined by their forward chaining), placed in
 * columns by their distance from the sources, and an arrow per edge between chains labelled with
 * its partitioning. Stateless.
 */
final class JobGraphSvg {
    private static final int BOX_WIDTH = 200;
    private static final int COLUMN_GAP = 110;
    private static final int ROW_GAP = 28;
    private static final int HEADER = 24;
    private static final int OPERATOR_HEIGHT = 24;
    private static final int OPERATOR_GAP = 10;
    private static final int MARGIN = 16;

    private JobGraphSvg() {
    }

    /** Where each chain's box lies. */
    private record Box(int x, int y, int height) {
        int middle() {
            return y + height / 2;
        }
    }

    /** The SVG of {@code shape}; an empty string when it has no chains. */
    static String render(JobShape shape) {
        List<GraphVertex> vertices = shape.vertices();
        if (vertices.isEmpty()) {
            return "";
        }
        Box[] boxes = layout(vertices, shape.edges());
        int width = 0;
        int height = 0;
        for (Box b : boxes) {
            width = Math.max(width, b.x() + BOX_WIDTH + MARGIN);
            height = Math.max(height, b.y() + b.height() + MARGIN);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"job-graph\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\"><title>job graph: ").append(vertices.size()).append(" chain(s), ")
                .append(shape.edges().size()).append(" edge(s)</title>")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        for (GraphEdge edge : shape.edges()) {
            int from = indexOf(vertices, edge.from());
            int to = indexOf(vertices, edge.to());
            if (from >= 0 && to >= 0) {
                edge(svg, edge, boxes[from], boxes[to], inputs(shape.edges(), edge.to()));
            }
        }
        for (int v = 0; v < vertices.size(); v++) {
            vertex(svg, vertices.get(v), boxes[v]);
        }
        return svg.append("</svg>").toString();
    }

    /** Columns by longest path from a source; chains of one column stacked in job order. */
    private static Box[] layout(List<GraphVertex> vertices, List<GraphEdge> edges) {
        int[] level = new int[vertices.size()];
        for (int pass = 0; pass < vertices.size(); pass++) {
            for (GraphEdge e : edges) {
                int from = indexOf(vertices, e.from());
                int to = indexOf(vertices, e.to());
                if (from >= 0 && to >= 0) {
                    level[to] = Math.max(level[to], level[from] + 1);
                }
            }
        }
        int[] columnHeight = new int[vertices.size() + 1];
        Box[] boxes = new Box[vertices.size()];
        for (int v = 0; v < vertices.size(); v++) {
            int height = HEADER + vertices.get(v).operators().size() * (OPERATOR_HEIGHT + OPERATOR_GAP);
            int y = MARGIN + columnHeight[level[v]];
            boxes[v] = new Box(MARGIN + level[v] * (BOX_WIDTH + COLUMN_GAP), y, height);
            columnHeight[level[v]] += height + ROW_GAP;
        }
        return boxes;
    }

    private static void vertex(StringBuilder svg, GraphVertex vertex, Box box) {
        svg.append("<g class=\"vertex\" data-vertex=\"").append(Html.text(vertex.name())).append("\" data-parallelism=\"")
                .append(vertex.parallelism()).append("\"><title>").append(Html.text(vertex.name())).append(": parallelism ")
                .append(vertex.parallelism()).append(", max parallelism ").append(vertex.maxParallelism())
                .append("</title><rect class=\"chain\" x=\"").append(box.x()).append("\" y=\"").append(box.y())
                .append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(box.height())
                .append("\" rx=\"6\"/><text class=\"parallelism\" x=\"").append(box.x() + BOX_WIDTH - 8).append("\" y=\"")
                .append(box.y() + 16).append("\" text-anchor=\"end\">\u00d7").append(vertex.parallelism())
                .append("</text><text class=\"chain-label\" x=\"").append(box.x() + 8).append("\" y=\"").append(box.y() + 16)
                .append("\">").append(vertex.operators().size() > 1 ? "chain" : "task").append("</text>");
        int y = box.y() + HEADER;
        for (int i = 0; i < vertex.operators().size(); i++) {
            if (i > 0) {
                int x = box.x() + BOX_WIDTH / 2;
                svg.append("<line class=\"chained\" x1=\"").append(x).append("\" y1=\"").append(y - OPERATOR_GAP)
                        .append("\" x2=\"").append(x).append("\" y2=\"").append(y).append("\"/>");
            }
            operator(svg, vertex.operators().get(i), box.x() + 8, y);
            y += OPERATOR_HEIGHT + OPERATOR_GAP;
        }
        svg.append("</g>");
    }

    private static void operator(StringBuilder svg, GraphOperator operator, int x, int y) {
        String label = operator.kind() == null || operator.kind().isEmpty() ? operator.uid()
                : operator.uid() + " \u00b7 " + operator.kind();
        svg.append("<g class=\"operator\" data-uid=\"").append(Html.text(operator.uid())).append("\"><title>")
                .append(Html.text(operator.name())).append(" (uid ").append(Html.text(operator.uid())).append(")</title>")
                .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_WIDTH - 16)
                .append("\" height=\"").append(OPERATOR_HEIGHT).append("\" rx=\"4\"/><text x=\"").append(x + 8)
                .append("\" y=\"").append(y + 16).append("\">").append(Html.text(label)).append("</text></g>");
    }

    /** @param inputs how many edges the receiving chain has: each ends at its own height, by input */
    private static void edge(StringBuilder svg, GraphEdge edge, Box from, Box to, int inputs) {
        boolean namedInput = inputs > 1;
        int x1 = from.x() + BOX_WIDTH;
        int y1 = from.middle();
        int x2 = to.x();
        int y2 = namedInput ? to.y() + to.height() * (Math.min(edge.input(), inputs - 1) + 1) / (inputs + 1) : to.middle();
        int bend = Math.max(30, (x2 - x1) / 2);
        String label = edge.partitioning().toUpperCase(Locale.ROOT) + (namedInput ? " \u2192 input " + (edge.input() + 1) : "");
        svg.append("<g class=\"edge\" data-partitioning=\"").append(Html.text(edge.partitioning())).append("\">")
                .append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(x1 + bend).append(',').append(y1)
                .append(' ').append(x2 - bend).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                .append("\" marker-end=\"url(#arrow)\"/><text class=\"edge-label\" x=\"").append((x1 + x2) / 2)
                .append("\" y=\"").append((y1 + y2) / 2 - 6).append("\" text-anchor=\"middle\">").append(Html.text(label))
                .append("</text></g>");
    }

    private static int inputs(List<GraphEdge> edges, int vertex) {
        return (int) edges.stream().filter(e -> e.to() == vertex).count();
    }

    private static int indexOf(List<GraphVertex> vertices, int id) {
        for (int v = 0; v < vertices.size(); v++) {
            if (vertices.get(v).id() == id) {
                return v;
            }
        }
        return -1;
    }
}
