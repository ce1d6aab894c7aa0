package io.snapsim.report;

import java.util.List;
import java.util.Map;

/**
 * One section of the run report. A section writes its static part as HTML (every value from the
 * run escaped with {@link Html}) and may hand data to its script: {@link #data} is embedded in the
 * page as JSON under the section's id, and the scripts it names (resources next to this class) are
 * inlined once. The page works from disk, without network.
 */
interface ReportSection {
    /** Whether the page shows this section for {@code input} at all (a lesson's text only for a lesson). */
    default boolean appliesTo(ReportInput input) {
        return true;
    }

    /** The section's anchor, also its key in the page's data. */
    String id();

    /** The heading shown above the section and in the page's navigation. */
    String title();

    /** The section's body, as HTML. */
    String body(ReportInput input);

    /** What the section's scripts read, as JSON-serialisable maps, lists and values; empty for none. */
    default Map<String, Object> data(ReportInput input) {
        return Map.of();
    }

    /** Resources in {@code io/snapsim/report/} this section's scripts need (inlined once, in order). */
    default List<String> scripts() {
        return List.of();
    }
}
