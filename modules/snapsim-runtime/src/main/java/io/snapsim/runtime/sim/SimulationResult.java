package io.snapsim.runtime.sim;

import io.snapsim.core.history.RecordCounts;
import io.snapsim.core.run.JobRecord;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.FaultReport;
import io.snapsim.core.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one simulation run, as its folder records it: the verdict, and the record it was
 * drawn from. {@code snapsim check} draws the same from the folder alone.
 *
 * @param verdict the run judged against the failure-free reference run
 * @param record  the run's folder read back: inputs, what the histories say, each fault's fate
 */
public record SimulationResult(Verdict verdict, RunRecord record) {

    /** What the run's history says of it, or null when the run never started. */
    public JobRecord run() {
        return record.run();
    }

    /** What the failure-free reference's history says of it, or null when it never started. */
    public JobRecord reference() {
        return record.reference();
    }

    /** The folder with the run's inputs, output, histories and summary. */
    public Path runDir() {
        return record.runDir();
    }

    /** Whether each planned fault fired, when, where, and what the job did about it. */
    public FaultReport faults() {
        return record.faults();
    }

    /** Records read and written over all attempts, from the history (zero when the run never started). */
    public RecordCounts records() {
        return record.run() == null ? new RecordCounts(0, 0, 0, 0, 0) : record.run().records();
    }

    /** Output folders of the earlier runs this run continues (after {@code run -s}), oldest first. */
    public List<Path> earlierOutputs() {
        return record.earlierOutputs();
    }
}
