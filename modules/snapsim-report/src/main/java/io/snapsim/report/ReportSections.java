package io.snapsim.report;

import java.util.List;

/** The sections of the run report, in page order. */
final class ReportSections {
    private ReportSections() {
    }

    static List<ReportSection> all() {
        return List.of(
                new HeaderSection(),
                new LessonSection(),
                new CheckpointsSection(),
                new TimelineSection(),
                new CutSection(),
                new OutcomeSection());
    }
}
