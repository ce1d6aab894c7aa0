package io.snapsim.cli;

import io.snapsim.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim report RUN_DIR}: renders a run's report ({@code index.html}) again from its folder
 * alone (run.json, the histories, the outputs and final states), and prints its path. Writes nothing
 * else into the folder (the verdict's spill files come and go); a deterministic run's page comes out
 * byte for byte as the run wrote it. A folder that is not a run's, or a damaged file in it, is one
 * line and exit code 2.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Renders a run's report (index.html in its folder) again from the folder alone, and prints its"
                + " path. Open it in a browser: it is one self-contained file."})
final class ReportCommand implements Callable<Integer> {

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
        Path page = RunReport.render(dir);
        out.println("report: " + SimulationSetup.display(parent, page));
        out.flush();
        return 0;
    }
}
