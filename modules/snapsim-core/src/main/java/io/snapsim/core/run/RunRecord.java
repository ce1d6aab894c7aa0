package io.snapsim.core.run;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.verdict.FaultReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run as its folder records it: the inputs, what the run's and the reference's histories say, and
 * the fate of each planned fault. Everything the verdict and the summary say comes from here.
 *
 * @param runDir    the run's folder
 * @param inputs    what the run was asked to do
 * @param run       what the run's history says, or null when the run never started (no history)
 * @param reference what the failure-free reference's history says, or null when it never started
 * @param faults    whether each planned fault fired, when, where, and what the job did about it
 */
public record RunRecord(Path runDir, RunInputs inputs, JobRecord run, JobRecord reference, FaultReport faults) {

    private static final Set<Class<? extends HistoryEvent>> EVENT_TYPES = eventTypes();

    /**
     * Reads the record of the run in {@code runDir}.
     *
     * @throws io.snapsim.core.InvalidInputException when the folder is not a run folder, or one of its
     *                                               files is not what it should be
     */
    public static RunRecord read(Path runDir) {
        RunInputs inputs = RunFolder.readInputs(runDir);
        Path historyFile = runDir.resolve(RunFolder.HISTORY);
        List<HistoryEvent> history = Files.exists(historyFile) ? HistoryReader.read(historyFile, EVENT_TYPES) : null;
        JobRecord run = history == null ? null : JobRecord.of(history, inputs.checkpointing());
        Path referenceHistory = RunFolder.reference(runDir).resolve(RunFolder.HISTORY);
        JobRecord reference = Files.exists(referenceHistory)
                ? JobRecord.of(HistoryReader.read(referenceHistory, JobRecord.EVENT_TYPES), inputs.checkpointing()) : null;
        FaultReport faults = FaultReport.ofPlanned(inputs.faults(), history == null ? List.of() : history);
        return new RunRecord(runDir, inputs, run, reference, faults);
    }

    /** The folder the run's sinks committed to. */
    public Path output() {
        return runDir.resolve(RunFolder.OUTPUT);
    }

    /** The folder the reference's sinks committed to. */
    public Path referenceOutput() {
        return RunFolder.reference(runDir).resolve(RunFolder.OUTPUT);
    }

    /** The output folders of the earlier runs this run continues ({@code run -s}), oldest first. */
    public List<Path> earlierOutputs() {
        return inputs.earlierOutputs().stream().map(Path::of).toList();
    }

    /** The {@code _metadata} of the checkpoint the run retained, or null when it kept none. */
    public Path retainedMetadata() {
        if (run == null || run.retainedFolder() == null || inputs.checkpointsDirectory() == null) {
            return null;
        }
        return Path.of(inputs.checkpointsDirectory()).resolve(inputs.jobId()).resolve(run.retainedFolder())
                .resolve("_metadata");
    }

    private static Set<Class<? extends HistoryEvent>> eventTypes() {
        Set<Class<? extends HistoryEvent>> types = new HashSet<>(JobRecord.EVENT_TYPES);
        types.addAll(FaultReport.EVENT_TYPES);
        return Set.copyOf(types);
    }
}
