package io.snapsim.report;

import io.snapsim.core.verdict.KeyDifference;
import io.snapsim.core.verdict.OutputComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The keys with the most lost, duplicate and unexpected records, top {@value #TOP} by their total,
 * and the totals over every key. The counts per key are exact for the keys the comparison keeps
 * (the smallest {@value OutputComparison#MAX_DUPLICATE_KEYS} that differ); the totals are exact
 * for the whole output. Stateless.
 */
final class KeyDifferencesTable {
    static final int TOP = 20;

    private KeyDifferencesTable() {
    }

    /** @param partial the job did not finish: lines it never reached are not called lost */
    static String render(OutputComparison c, boolean partial) {
        if (c.differencesByKey().isEmpty()) {
            return "";
        }
        List<Map.Entry<String, KeyDifference>> keys = new ArrayList<>(c.differencesByKey().entrySet());
        keys.sort(Comparator.comparingLong((Map.Entry<String, KeyDifference> e) -> -e.getValue().total())
                .thenComparing(Map.Entry::getKey));
        StringBuilder html = new StringBuilder("<h3>Differences per key</h3><table class=\"key-differences\"><thead><tr>"
                + "<th>key</th><th class=\"num\">").append(partial ? "not reached" : "lost").append("</th>"
                + "<th class=\"num\">duplicate</th><th class=\"num\">unexpected</th></tr></thead><tbody>");
        for (Map.Entry<String, KeyDifference> e : keys.subList(0, Math.min(TOP, keys.size()))) {
            KeyDifference d = e.getValue();
            html.append("<tr data-key=\"").append(Html.text(e.getKey())).append("\"><td><code>").append(Html.text(e.getKey()))
                    .append("</code></td><td class=\"num\">").append(Format.count(d.missing())).append("</td><td class=\"num\">")
                    .append(Format.count(d.duplicates())).append("</td><td class=\"num\">").append(Format.count(d.unexpected()))
                    .append("</td></tr>");
        }
        html.append("</tbody><tfoot><tr><th>all keys</th><td class=\"num\">").append(Format.count(c.missing()))
                .append("</td><td class=\"num\">").append(Format.count(c.duplicates())).append("</td><td class=\"num\">")
                .append(Format.count(c.unexpected())).append("</td></tr></tfoot></table><p class=\"muted\">");
        html.append(keys.size() > TOP ? "The " + TOP + " keys with the most differences of " : "")
                .append(Format.plural(keys.size(), "key")).append(c.moreKeysDiffer()
                        ? " counted (the " + Format.count(OutputComparison.MAX_DUPLICATE_KEYS) + " smallest that differ; more"
                        + " keys differ, and the totals count them all)" : " that differ").append(".</p>");
        return html.toString();
    }
}
