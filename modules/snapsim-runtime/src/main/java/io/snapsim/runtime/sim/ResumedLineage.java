package io.snapsim.runtime.sim;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.MetadataFormat;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which committed output belongs to a resumed job besides its own: the output of the runs it
 * continues. Drawn from what the restored snapshot proves, not from how those runs ended: each
 * file sink's folder is recorded in the snapshot's metadata (its external location), so the snapshot names the
 * earlier run's output folder wherever the snapshot itself lies now (copied elsewhere, or left by a
 * run that was killed before it wrote its summary). That earlier run may itself have resumed
 * another: its run folder's {@code run.json}, written when it started, lists those.
 * Stateless.
 */
final class ResumedLineage {
    private ResumedLineage() {
    }

    /**
     * The output folders of the earlier runs the snapshot at {@code metadataFile} continues, oldest
     * first; empty when its sinks recorded no folder (a job without file sinks).
     *
     * @throws InvalidInputException naming the snapshot and the folder when one of them is gone
     */
    static List<Path> earlierOutputs(Path metadataFile, JobGraph graph) {
        CheckpointMetadata metadata = MetadataFormat.read(metadataFile);
        Set<Path> outputs = new LinkedHashSet<>();
        for (Path folder : sinkFolders(metadata, graph)) {
            if (!Files.isDirectory(folder)) {
                throw new InvalidInputException(metadataFile + ": the snapshot's sink wrote to " + folder + ", which is gone:"
                        + " resuming needs its pending transactions, and judging the run needs what it committed");
            }
            for (Path earlier : earlierOutputsOf(folder.getParent())) {
                if (!Files.isDirectory(earlier)) {
                    throw new InvalidInputException(metadataFile + ": the snapshot continues output in " + earlier
                            + ", which is gone: judging the run needs what was committed there");
                }
                outputs.add(earlier);
            }
            outputs.add(folder);
        }
        return List.copyOf(outputs);
    }

    /**
     * The output folders the run in {@code runDir} continued, from its {@code run.json}; empty for
     * a folder that is no run's (a sink writing elsewhere).
     */
    private static List<Path> earlierOutputsOf(Path runDir) {
        if (!Files.exists(runDir.resolve(RunFolder.INPUTS))) {
            return List.of();
        }
        return RunFolder.readInputs(runDir).earlierOutputs().stream().map(Path::of).toList();
    }

    /** The folders the snapshot's sink subtasks wrote to (their external locations), in operator and subtask order. */
    private static List<Path> sinkFolders(CheckpointMetadata metadata, JobGraph graph) {
        List<Path> folders = new ArrayList<>();
        for (OperatorStateSnapshot operator : metadata.operators()) {
            JobGraph.ResolvedNode node = graph.nodeByUid(operator.operatorId());
            if (node == null || !node.kind().equals("sink")) {
                continue;
            }
            for (SubtaskStateSnapshot subtask : operator.subtasks()) {
                if (subtask.externalLocation() != null && !folders.contains(Path.of(subtask.externalLocation()))) {
                    folders.add(Path.of(subtask.externalLocation()));
                }
            }
        }
        return folders;
    }
}
