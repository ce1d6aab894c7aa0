package io.snapsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.run.RunFolder;
import io.snapsim.core.run.RunInputs;
import io.snapsim.core.run.RunJudge;
import io.snapsim.core.run.RunRecord;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.sim.SimulationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim check RUN_DIR}: judges a run again from its folder alone (run.json, the histories,
 * the committed outputs and final states), prints the summary {@code run} printed and the verdict,
 * and says whether the verdict still agrees with the one {@code summary.json} recorded. Exits as
 * {@code run} does: 0 VALID (or UNRECOVERABLE), 1 INVALID, 2 UNKNOWN or a folder that is not a run's,
 * 3 NOT_FIRED. Writes nothing into the folder but the verdict's temporary spill files.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judges a run again from its folder alone: its run.json, histories, committed output and final"
                + " state, without running anything.",
                "Prints the summary and the verdict, and whether summary.json still agrees. Exits as 'run' does."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run's folder, reports/<simulation>/<run-id>")
    Path runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = parent.runFolder(runDir);
        RunRecord record = RunRecord.read(dir);
        RunInputs inputs = record.inputs();
        out.println("snapsim check: " + inputs.simulation() + " (" + inputs.file() + "), seed " + inputs.seed()
                + ", judged from " + SimulationSetup.display(parent, dir));
        Verdict verdict = RunJudge.judge(record);
        SummaryPrinter.print(out, new SimulationResult(verdict, record), folder -> resumeCommand(inputs, folder));
        recordedOutcome(dir).ifPresent(recorded -> out.println(recorded.equals(verdict.outcome().name())
                ? "recorded:    summary.json says " + recorded + " too"
                : "recorded:    summary.json says " + recorded + ", but the folder now says " + verdict.outcome()
                        + ": something in it changed since the run"));
        out.flush();
        return verdict.outcome().exitCode();
    }

    /** The outcome summary.json recorded when the run ended, if it has one. */
    private static Optional<String> recordedOutcome(Path dir) {
        Path summary = dir.resolve(RunFolder.SUMMARY);
        if (!Files.exists(summary)) {
            return Optional.empty();
        }
        try {
            JsonNode outcome = new ObjectMapper().readTree(summary.toFile()).path("verdict").path("outcome");
            return outcome.isTextual() ? Optional.of(outcome.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException(summary + ": not valid JSON: " + e.getMessage());
        }
    }

    /** The command that resumes the run's simulation from a retained checkpoint, with the run's -D options. */
    private String resumeCommand(RunInputs inputs, Path folder) {
        List<String> options = new ArrayList<>(List.of("-s", SimulationSetup.display(parent, folder)));
        options.addAll(SimulationSetup.dynamicPropertyOptions(inputs.commandLineOptions()));
        return SimulationSetup.replayCommand(Path.of(SimulationSetup.display(parent, Path.of(inputs.file()))), options);
    }
}
