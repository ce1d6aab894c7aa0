package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sim.JobCatalog;
import io.snapsim.core.sim.SimulationParser;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.sim.SimulationResult;
import io.snapsim.runtime.sim.SimulationRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code snapsim run FILE}: runs a simulation, prints a summary and the verdict. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a simulation file and judges it against a failure-free run.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the simulation file (YAML)")
    Path file;

    @Option(names = "--seed", description = "overrides the simulation's seed")
    Long seed;

    @Option(names = {"-s", "--fromSavepoint"}, paramLabel = "PATH",
            description = "resume from a retained checkpoint or savepoint: its _metadata file or directory")
    String restorePath;

    @Option(names = "-D", paramLabel = "key=value", description = "a configuration key (Flink names)")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    @Option(names = "--reports", paramLabel = "DIR", description = "where run folders go (default: reports)")
    Path reports = Path.of("reports");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        SimulationSpec spec = new SimulationParser(catalog()).parse(file);
        if (seed != null) {
            spec = withSeed(spec, seed);
        }
        Configuration config = Configuration.fromMap(dynamicProperties, "-D").merge(spec.config());
        if (restorePath != null) {
            config = config.set("execution.state-recovery.path", restorePath, "run -s");
        }
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + spec.seed();
        out.println("snapsim: " + spec.name() + " (" + file + "), seed " + spec.seed());
        SimulationResult result = new SimulationRunner(reports, out::println).run(spec, config, runId);
        printSummary(out, result);
        return result.verdict().outcome().exitCode();
    }

    static JobCatalog catalog() {
        return new JobCatalog() {
            @Override
            public Set<String> jobNames() {
                return BuiltInJobs.jobNames();
            }

            @Override
            public Set<String> parameterNames(String job) {
                return BuiltInJobs.parameterNames(job);
            }
        };
    }

    private static SimulationSpec withSeed(SimulationSpec s, long seed) {
        return new SimulationSpec(s.name(), s.description(), s.file(), s.job(), s.parameters(), s.parallelism(), seed,
                s.execution(), s.sink(), s.expect(), s.config(), s.faults());
    }

    static void printSummary(PrintWriter out, SimulationResult result) {
        JobResult run = result.run();
        out.println();
        if (run != null) {
            CheckpointCounts c = run.counts();
            out.printf("status:      %s after %d restart(s), %.2f s%n", run.status(), run.restarts(),
                    run.wallMillis() / 1000.0);
            if (c != null) {
                out.printf("checkpoints: %d completed, %d failed, %d triggered, %d restored%n",
                        c.completed(), c.failed(), c.triggered(), c.restored());
            } else {
                out.println("checkpoints: off");
            }
            out.printf("records:     %d in (sources), %d out (sinks), final attempt%n", run.recordsIn(), run.recordsOut());
        }
        Verdict v = result.verdict();
        OutputComparison cmp = v.comparison();
        if (cmp != null) {
            out.printf("output:      %d committed records, reference %d: %d lost, %d duplicate, %d unexpected; final state %s%n",
                    cmp.actualRecords(), cmp.referenceRecords(), cmp.missing(), cmp.duplicates(), cmp.unexpected(),
                    cmp.stateEqual() ? "equal" : "different");
            for (String example : cmp.examples()) {
                out.println("             " + example);
            }
        }
        out.printf("verdict:     %s (expected %s): %s%n", v.outcome(), v.expectation(), v.reason());
        out.println("report:      " + result.runDir().resolve("summary.json"));
    }

    static InvalidInputException badInput(String message) {
        return new InvalidInputException(message);
    }
}
