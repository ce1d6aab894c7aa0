package io.snapsim.runtime.sim;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.ConfigurationSources;
import io.snapsim.core.sim.ExecutionMode;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.FaultSpec;
import io.snapsim.core.sim.RandomFaults;
import io.snapsim.core.sim.SimulationSpec;
import io.snapsim.core.sim.SinkKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public way to run a job of your own under faults from Java, for example in a JUnit test, and
 * get a verdict: the same thing {@code snapsim run} does for a simulation file. The job runs twice,
 * failure-free as the reference and with the planned faults, and the run is judged from its folder.
 * <pre>{@code
 * SimulationResult result = Simulation.of("my-counter", (env, sink) -> env
 *                 .fromSource(SequenceGeneratorSource.sequence("numbers", 100_000, 4), "numbers").uid("numbers")
 *                 .keyBy(n -> n % 100)
 *                 .process(new MyCounter()).uid("counter")
 *                 .sinkTo(sink))
 *         .parallelism(2)
 *         .config("execution.checkpointing.interval", "10 ms")
 *         .fault(CrashFault.atRecord("counter", 1, 20_000))
 *         .reportsIn(tempDir)
 *         .run();
 * assertThat(result.verdict().outcome()).isEqualTo(Outcome.VALID);
 * }</pre>
 * Defaults: parallelism 1, seed 1, deterministic execution (the same seed gives the same run), the
 * transactional sink, expectation {@code equivalent}, reports under {@code reports/}. Faults are the
 * records of {@link io.snapsim.core.sim.Faults} and {@link io.snapsim.core.sim.CrashFault}, naming
 * operators by uid; a fault that must not make the run fail when it never fires is wrapped in
 * {@link io.snapsim.core.sim.OptionalFault#marked}. Random plans ({@link RandomFaults}) need the
 * command line, which estimates where a drawn fault can land. Not thread-safe: build and run on
 * one thread.
 */
public final class Simulation {
    private final String name;
    private final JobDefinition job;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<FaultSpec> faults = new ArrayList<>();
    private int parallelism = 1;
    private long seed = 1;
    private ExecutionMode execution = ExecutionMode.DETERMINISTIC;
    private SinkKind sink = SinkKind.TRANSACTIONAL;
    private Expectation expectation = Expectation.EQUIVALENT;
    private Path reports = Path.of("reports");

    private Simulation(String name, JobDefinition job) {
        this.name = Objects.requireNonNull(name, "name");
        this.job = Objects.requireNonNull(job, "job");
    }

    /** A simulation called {@code name} (its folder under the reports) of the job {@code job} defines. */
    public static Simulation of(String name, JobDefinition job) {
        return new Simulation(name, job);
    }

    public Simulation parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** The seed of the interleaving (deterministic execution) and of the job's own seeded choices. */
    public Simulation seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Simulation execution(ExecutionMode execution) {
        this.execution = Objects.requireNonNull(execution, "execution");
        return this;
    }

    public Simulation sink(SinkKind sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    public Simulation expect(Expectation expectation) {
        this.expectation = Objects.requireNonNull(expectation, "expectation");
        return this;
    }

    /** A Flink option, as a simulation file's {@code config:} sets it; the job's own code overrides it. */
    public Simulation config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Plans a fault (or a planned cancel or savepoint); faults fire in no particular order, each at most once. */
    public Simulation fault(FaultSpec fault) {
        if (fault instanceof RandomFaults) {
            throw new IllegalArgumentException("random plans are drawn by the command line (snapsim run --seed);"
                    + " plan concrete faults here");
        }
        faults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Where run folders go: {@code <reports>/<name>/<run-id>/}. */
    public Simulation reportsIn(Path reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
        return this;
    }

    /**
     * Runs the reference and the run, judges the run and writes its folder.
     *
     * @throws io.snapsim.core.InvalidInputException for a bad option, or a fault naming an operator or
     *                                               subtask the job does not have
     */
    public SimulationResult run() throws InterruptedException {
        SimulationSpec spec = new SimulationSpec(name, "", Path.of(name + " (Java)"), name, Map.of(), parallelism, seed,
                execution, sink, expectation, Configuration.fromMap(config, "Simulation.config"), faults);
        return new SimulationRunner(reports, line -> { }).run(spec, job, effectiveConfig(spec), "seed" + seed);
    }

    /** The options by Flink's precedence: the job's code over {@link #config} over the defaults. */
    private Configuration effectiveConfig(SimulationSpec spec) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        job.define(env, FileSinks.discarding());
        Configuration code = ConfigurationSources.jobCode(env.getJobGraph(name).codeSettings());
        return new ConfigurationSources(new Configuration(), new Configuration(), spec.config(), code).effective();
    }
}
