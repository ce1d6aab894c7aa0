package io.snapsim.report.sweep;

import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.report.Html;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long a sweep's runs took, as a histogram: equal bins of a round width (1, 2 or 5 times a
 * power of ten milliseconds) from the shortest run to the longest, each bar stacked by outcome,
 * and a bar of its own for runs that never started (no duration). Every seed is in exactly one bar.
 * Drawn as inline SVG, with a tooltip per bar. Immutable.
 */
final class SweepHistogram {
    /** The most bins drawn; fewer for a small sweep (about the square root of its runs). */
    static final int MAX_BINS = 24;
    /** The order outcomes are stacked in, bottom first. */
    static final List<Outcome> STACKING = List.of(Outcome.VALID, Outcome.UNRECOVERABLE, Outcome.NOT_FIRED,
            Outcome.UNKNOWN, Outcome.INVALID);

    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int BOTTOM = 34;
    private static final int TOP = 12;
    private static final int RIGHT = 36;

    /** Runs whose duration lies in {@code [from, to)}, by outcome. */
    record Bin(long from, long to, Map<Outcome, Integer> counts) {
        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final List<Bin> bins;
    private final Map<Outcome, Integer> neverStarted;

    private SweepHistogram(List<Bin> bins, Map<Outcome, Integer> neverStarted) {
        this.bins = List.copyOf(bins);
        this.neverStarted = neverStarted;
    }

    /** The histogram of {@code seeds}' job durations. */
    static SweepHistogram of(List<SweepLog.Seed> seeds) {
        List<SweepLog.Seed> timed = seeds.stream().filter(s -> s.jobMillis() != null).toList();
        Map<Outcome, Integer> neverStarted = new EnumMap<>(Outcome.class);
        seeds.stream().filter(s -> s.jobMillis() == null).forEach(s -> neverStarted.merge(s.outcome(), 1, Integer::sum));
        if (timed.isEmpty()) {
            return new SweepHistogram(List.of(), neverStarted);
        }
        long min = timed.stream().mapToLong(SweepLog.Seed::jobMillis).min().orElseThrow();
        long max = timed.stream().mapToLong(SweepLog.Seed::jobMillis).max().orElseThrow();
        int target = (int) Math.max(1, Math.min(MAX_BINS, Math.ceil(Math.sqrt(timed.size()))));
        long width = roundWidth((max - min + target) / target);
        long from = Math.floorDiv(min, width) * width;
        int count = (int) ((max - from) / width) + 1;
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bins.add(new Bin(from + i * width, from + (i + 1) * width, new EnumMap<>(Outcome.class)));
        }
        for (SweepLog.Seed seed : timed) {
            bins.get((int) ((seed.jobMillis() - from) / width)).counts().merge(seed.outcome(), 1, Integer::sum);
        }
        return new SweepHistogram(bins, neverStarted);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code atLeast} (and at least 1). */
    static long roundWidth(long atLeast) {
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= atLeast) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }

    List<Bin> bins() {
        return bins;
    }

    /** Runs that never started, by outcome (no duration to place them by). */
    Map<Outcome, Integer> neverStarted() {
        return neverStarted;
    }

    /** The histogram as an SVG element; {@code clock} says which clock the durations are on. */
    String svg(String clock) {
        int bars = bins.size() + (neverStarted.isEmpty() ? 0 : 1);
        int highest = Math.max(1, Math.max(bins.stream().mapToInt(Bin::total).max().orElse(0),
                neverStarted.values().stream().mapToInt(Integer::intValue).sum()));
        double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, bars);
        double scale = (HEIGHT - TOP - BOTTOM) / (double) highest;
        StringBuilder svg = new StringBuilder("<svg class=\"histogram\" role=\"img\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\"><title>" + Html.text("run times (" + clock + ")")
                + "</title>");
        axes(svg, highest);
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            bar(svg, "bin", bin.counts(), LEFT + i * slot, slot, scale, bin.from() + "–" + bin.to() + " ms",
                    " data-from=\"" + bin.from() + "\" data-to=\"" + bin.to() + "\"");
            if (i == 0 || i == bins.size() - 1 || bins.size() > 4 && i == bins.size() / 2) {
                label(svg, LEFT + i * slot, HEIGHT - BOTTOM + 14, bin.from() + " ms");
            }
        }
        if (!bins.isEmpty()) {
            label(svg, LEFT + bins.size() * slot, HEIGHT - BOTTOM + 14, bins.get(bins.size() - 1).to() + " ms");
        }
        if (!neverStarted.isEmpty()) {
            double x = LEFT + bins.size() * slot;
            bar(svg, "bin never-started", neverStarted, x, slot, scale, "never started (no duration)", "");
            label(svg, x + slot / 2, HEIGHT - BOTTOM + 28, "never started");
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, int highest) {
        int baseline = HEIGHT - BOTTOM;
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(baseline).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(baseline).append("\"/>")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(baseline).append("\"/>");
        svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 10)
                .append("\" text-anchor=\"end\">").append(highest).append("</text>")
                .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(baseline)
                .append("\" text-anchor=\"end\">0</text>");
    }

    /** One bar: a group with the bar's total, and a rectangle per outcome stacked bottom up. */
    private static void bar(StringBuilder svg, String classes, Map<Outcome, Integer> counts, double x, double slot,
                            double scale, String range, String data) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        svg.append("<g class=\"").append(classes).append("\" data-count=\"").append(total).append('"').append(data)
                .append("><title>").append(Html.text(range + ": " + total + " run(s)" + breakdown(counts)))
                .append("</title>");
        double y = HEIGHT - BOTTOM;
        for (Outcome outcome : STACKING) {
            int n = counts.getOrDefault(outcome, 0);
            if (n > 0) {
                double h = n * scale;
                y -= h;
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar %s\" data-count=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                        outcome.name().toLowerCase(Locale.ROOT), n, x + 1, y, Math.max(1, slot - 2), h));
            }
        }
        svg.append("</g>");
    }

    private static String breakdown(Map<Outcome, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : STACKING) {
            if (counts.getOrDefault(outcome, 0) > 0) {
                parts.add(counts.get(outcome) + " " + outcome.displayName());
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static void label(StringBuilder svg, double x, double y, String text) {
        svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                x, y)).append(Html.text(text)).append("</text>");
    }
}
