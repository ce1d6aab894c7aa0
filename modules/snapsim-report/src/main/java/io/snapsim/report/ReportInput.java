package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run report is drawn from, read once from the run folder: the run's record, its verdict,
 * and the histories of the run under faults and of the failure-free reference (empty when the
 * folder holds none). Nothing here comes from live actors.
 *
 * @param record           the run folder read back ({@code run.json}, histories, fault report)
 * @param verdict          the verdict on the folder's outputs
 * @param history          every event of the run under faults, in order
 * @param referenceHistory every event of the reference run, in order
 */
public record ReportInput(RunRecord record, Verdict verdict, List<HistoryEvent> history,
                          List<HistoryEvent> referenceHistory) {

    public ReportInput {
        history = List.copyOf(history);
        referenceHistory = List.copyOf(referenceHistory);
    }

    /** Reads the histories of the run in {@code record}'s folder. */
    public static ReportInput of(RunRecord record, Verdict verdict) {
        Path runDir = record.runDir();
        return new ReportInput(record, verdict, events(runDir.resolve(RunFolder.HISTORY)),
                events(RunFolder.reference(runDir).resolve(RunFolder.HISTORY)));
    }

    /** The job's chains and edges, from the run's history. */
    JobShape shape() {
        return JobShape.of(history);
    }

    /** When the job's first attempt was deployed: the report's times are relative to it, as the CLI prints them. */
    public long start() {
        return record.faults().startTime();
    }

    private static List<HistoryEvent> events(Path file) {
        return Files.exists(file) ? HistoryReader.read(file) : List.of();
    }
}
