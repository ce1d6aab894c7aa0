package io.snapsim.report.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.sweep.SweepLog;
import io.snapsim.core.verdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SweepHistogramTest {

    private static SweepLog.Seed seed(long seed, Outcome outcome, Long jobMillis) {
        return new SweepLog.Seed(seed, outcome, "why", List.of(), List.of(), jobMillis, 100, null, "replay " + seed);
    }

    @Test
    void binWidthsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(List.of(0L, 1L, 2L, 3L, 6L, 11L, 99L, 101L, 240L))
                .map(SweepHistogram::roundWidth).containsExactly(1L, 1L, 2L, 5L, 10L, 20L, 100L, 200L, 500L);
    }

    @Test
    void everyRunIsInExactlyOneBarAndEachBarStacksItsOutcomes() {
        List<SweepLog.Seed> seeds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seeds.add(seed(i, i % 7 == 0 ? Outcome.INVALID : Outcome.VALID, 100L + i * 3));
        }
        seeds.add(seed(99, Outcome.UNKNOWN, null));

        SweepHistogram histogram = SweepHistogram.of(seeds);

        assertThat(histogram.bins()).hasSizeBetween(7, SweepHistogram.MAX_BINS);
        assertThat(histogram.bins().stream().mapToInt(SweepHistogram.Bin::total).sum()).isEqualTo(50);
        assertThat(histogram.bins().get(0).from()).isLessThanOrEqualTo(100);
        assertThat(histogram.bins().get(histogram.bins().size() - 1).to()).isGreaterThan(100 + 49 * 3);
        assertThat(histogram.neverStarted()).isEqualTo(Map.of(Outcome.UNKNOWN, 1));

        Document svg = Jsoup.parse(histogram.svg("virtual time"));
        List<Element> bars = svg.select("g.bin");
        assertThat(bars).hasSize(histogram.bins().size() + 1);
        assertThat(bars.stream().mapToInt(g -> Integer.parseInt(g.attr("data-count"))).sum()).isEqualTo(seeds.size());
        for (Element bar : bars) {
            assertThat(bar.select("rect").stream().mapToInt(r -> Integer.parseInt(r.attr("data-count"))).sum())
                    .as("%s", bar).isEqualTo(Integer.parseInt(bar.attr("data-count")));
        }
        assertThat(svg.select("rect.bar.invalid").stream().mapToInt(r -> Integer.parseInt(r.attr("data-count"))).sum())
                .isEqualTo(8);
    }

    @Test
    void runsOfOneDurationShareOneBar() {
        SweepHistogram histogram = SweepHistogram.of(List.of(seed(1, Outcome.VALID, 40L), seed(2, Outcome.VALID, 40L)));

        assertThat(histogram.bins()).singleElement().satisfies(bin -> {
            assertThat(bin.from()).isEqualTo(40);
            assertThat(bin.to()).isEqualTo(41);
            assertThat(bin.total()).isEqualTo(2);
        });
        assertThat(histogram.neverStarted()).isEmpty();
    }
}
