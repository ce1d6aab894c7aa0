package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.explain.CheckpointNarrative;
import io.snapsim.core.explain.RunFacts;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryReader;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunInputs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim explain RUN_DIR [--checkpoint N]}: narrates a checkpoint's life from the run's
 * history, in plain language (trigger, barriers, alignments, snapshots, acknowledgements, completion
 * or abort and why, notices and sink commits, restores); without {@code --checkpoint}, one line per
 * checkpoint. Reads the run folder only ({@code run.json}, {@code history.jsonl}); writes nothing.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Narrates a checkpoint's life from a run's history, in plain language: trigger, barriers,"
                + " alignments, snapshots, acknowledgements, completion or abort and why, sink commits, restores.",
                "Without --checkpoint, one line per checkpoint. Reads the run folder only."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run's folder, reports/<simulation>/<run-id>")
    Path runDir;

    @Option(names = "--checkpoint", paramLabel = "N", description = "the checkpoint (or savepoint) to narrate")
    Long checkpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = parent.runFolder(runDir);
        RunInputs inputs = RunFolder.readInputs(dir);
        Path historyFile = dir.resolve(RunFolder.HISTORY);
        if (!Files.exists(historyFile)) {
            throw new InvalidInputException(runDir + ": the run has no " + RunFolder.HISTORY
                    + " (its reference run did not finish, so the run never started)");
        }
        List<HistoryEvent> history = HistoryReader.read(historyFile);
        RunFacts facts = RunFacts.of(inputs);
        CheckpointNarrative narrative = new CheckpointNarrative(history, facts);
        List<String> lines = checkpoint == null ? narrative.summaries() : narrative.of(checkpoint).orElseThrow(() ->
                new InvalidInputException("--checkpoint " + checkpoint + ": the run triggered no checkpoint " + checkpoint
                        + " (it triggered " + describe(narrative.checkpoints()) + ")"));
        out.println("snapsim explain: " + inputs.simulation() + ", seed " + inputs.seed() + ", "
                + (facts.aligned() ? "exactly-once (aligned barriers)" : "at-least-once (barriers not aligned)"));
        lines.forEach(out::println);
        if (lines.isEmpty()) {
            out.println("the run triggered no checkpoint");
        }
        out.flush();
        return 0;
    }

    private static String describe(List<Long> ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        return ids.size() == 1 ? "only " + ids.get(0) : ids.get(0) + " to " + ids.get(ids.size() - 1);
    }
}
