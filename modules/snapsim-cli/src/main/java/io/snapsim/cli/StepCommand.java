package io.snapsim.cli;

import io.snapsim.core.config.Configuration;
import io.snapsim.core.explain.RunFacts;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Lesson;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snapsim step FILE}: runs a simulation on the deterministic executor one history event at a
 * time, printing each event and why it happened ({@link StepSession}). A lesson's text comes first.
 * A simulation whose execution is live is run deterministically instead, with a one-line note: only
 * the deterministic executor's single driver thread can be held between two events. The run still
 * writes its folder (with {@code plan.yaml}), and the command exits as {@code run} does once the run
 * ended; input piped in is read a command per line and echoed, so sessions can be scripted.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = {"Runs a simulation one event at a time, explaining each: n or Enter next, c next checkpoint event,"
                + " f next fault, s NAME a subtask's state, b back, h help, q quit.",
                "Runs on the deterministic executor (a live simulation is run deterministically); input piped in is read"
                        + " line by line."})
final class StepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the simulation file (YAML)")
    Path file;

    @Option(names = "--seed", description = "overrides the simulation's seed")
    Long seed;

    @Option(names = "-D", paramLabel = "key=value", description = "a configuration key (Flink names)")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = "--reports", paramLabel = "DIR", description = "where run folders go (default: reports)")
    Path reports = Path.of("reports");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @CommandLine.ParentCommand
    SnapsimCommand parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        SimulationSpec spec = new SimulationParser(RunCommand.catalog()).parse(parent.workingDirectory().resolve(file));
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Configuration config = SimulationSetup.effectiveConfig(spec, SimulationSetup.globalFile(parent), dynamicProperties);
        spec = spec.withFaults(SimulationSetup.plan(spec, config, null));
        Path reportsRoot = parent.workingDirectory().resolve(reports);
        UsableFolders.check(config, reportsRoot);
        out.println("snapsim step: " + spec.name() + " (" + file + "), seed " + spec.seed());
        if (spec.execution() == ExecutionMode.LIVE) {
            out.println("note: " + file + " runs live; step runs it deterministically (one thread, virtual time), the"
                    + " only way to hold a run between two events");
            spec = spec.withExecution(ExecutionMode.DETERMINISTIC);
        }
        if (spec.lesson() != null) {
            printLesson(out, spec.lesson());
        }
        out.println("the failure-free reference runs first, unwatched; then the run stops at every event");
        out.println(StepSession.HELP);
        out.flush();
        SimulationSpec stepped = spec;
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + spec.seed();
        StepSession.Runs runs = tap -> {
            SimulationResult result = new SimulationRunner(reportsRoot, line -> { }).tapping(tap)
                    .run(stepped, config, runId);
            RunCommand.writePlan(result.runDir().resolve(RunCommand.PLAN_FILE), stepped.faults());
            return result;
        };
        RunFacts facts = RunFacts.of(stepped, config);
        try (StepConsole console = StepConsole.of(parent.input(), out)) {
            return new StepSession(runs, facts, spec.seed(), console, out, dir -> SimulationSetup.display(parent, dir))
                    .run();
        }
    }

    static void printLesson(PrintWriter out, Lesson lesson) {
        out.println();
        out.println("lesson: " + lesson.title());
        out.println("watch:");
        lesson.watch().lines().forEach(line -> out.println("  " + line));
        out.println("questions:");
        for (int i = 0; i < lesson.questions().size(); i++) {
            out.println("  " + (i + 1) + ". " + lesson.questions().get(i));
        }
        out.println();
    }
}
