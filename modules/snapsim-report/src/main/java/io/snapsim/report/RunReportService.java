package io.snapsim.report;

import io.snapsim.core.run.RunRecord;
import io.snapsim.core.run.RunReportWriter;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Path;

/** {@link RunReport} as the runtime finds it ({@link RunReportWriter#find()}): how a run writes its page. Stateless. */
public final class RunReportService implements RunReportWriter {
    @Override
    public Path write(RunRecord record, Verdict verdict) {
        return RunReport.write(record, verdict);
    }
}
