package io.snapsim.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.sim.CrashFault;
import io.snapsim.core.sim.Expectation;
import io.snapsim.core.sim.OptionalFault;
import io.snapsim.core.sim.SinkKind;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.verdict.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's own JUnit test does with snapsim: a job of its own, written with the Java API, run
 * under planned faults through the public {@link Simulation} entry, judged against a failure-free
 * run of the same job. No internals.
 */
class SimulationApiTest {
    @TempDir
    Path reports;

    /** A user's stateful function: a running count per key. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long n = count.value() + 1;
            count.update(n);
            out.collect(ctx.getCurrentKey() + "," + n);
        }
    }

    /** The same function with a planted bug: it keeps its count in a field, outside managed state. */
    static final class CountOutsideState extends KeyedProcessFunction<Long, Long, String> {
        private final java.util.Map<Long, Long> counts = new java.util.HashMap<>();

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long n = counts.merge(ctx.getCurrentKey(), 1L, Long::sum);
            out.collect(ctx.getCurrentKey() + "," + n);
        }
    }

    private static Simulation counting(String name, KeyedProcessFunction<Long, Long, String> function) {
        return Simulation.of(name, (env, sink) -> env
                        .fromSource(SequenceGeneratorSource.sequence("numbers", 200_000, 4), "numbers").uid("numbers")
                        .keyBy(n -> n % 50)
                        .process(function).uid("counter")
                        .sinkTo(sink))
                .parallelism(2)
                .seed(3)
                .config("execution.checkpointing.interval", "5 ms")
                .config("restart-strategy.type", "fixed-delay")
                .config("restart-strategy.fixed-delay.delay", "1 ms");
    }

    @Test
    void aCorrectJobRecoversFromACrashAndIsValid() throws Exception {
        SimulationResult result = counting("count", new CountPerKey())
                .fault(CrashFault.atRecord("counter", 1, 60_000))
                .reportsIn(reports)
                .run();

        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(result.faults().entries().get(0).aftermath()).startsWith("restored checkpoint");
        assertThat(result.faults().entries().get(0).fired()).isTrue();
        assertThat(result.run().restarts()).isEqualTo(1);
        assertThat(result.runDir()).startsWith(reports.resolve("count")).isDirectory();
        assertThat(result.runDir().resolve("summary.json")).exists();
    }

    @Test
    void stateKeptOutsideManagedStateIsCaught() throws Exception {
        SimulationResult result = counting("outside-state", new CountOutsideState())
                .fault(CrashFault.atRecord("counter", 1, 60_000))
                .reportsIn(reports)
                .run();

        assertThat(result.faults().entries().get(0).aftermath()).startsWith("restored checkpoint");
        assertThat(result.verdict().outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.verdict().reason()).as("the counts start again at zero after the restore")
                .contains("records lost").contains("duplicates");
    }

    @Test
    void aFaultThatNeverFiresIsNotValidInJavaEither() throws Exception {
        SimulationResult result = counting("never", new CountPerKey())
                .fault(CrashFault.atRecord("counter", 1, 10_000_000))
                .fault(OptionalFault.marked(CrashFault.atRecord("counter", 0, 10_000_000)))
                .reportsIn(reports)
                .run();

        assertThat(result.verdict().outcome()).isEqualTo(Outcome.NOT_FIRED);
        assertThat(result.verdict().reason()).startsWith("planned fault 0 (crash: {operator: counter, subtask: 1,");
    }

    @Test
    void theJobCodeOverridesTheConfiguredOptionsAsInFlink() throws Exception {
        SimulationResult result = Simulation.of("code-wins", (env, sink) -> {
                    env.enableCheckpointing(7);
                    env.fromSource(SequenceGeneratorSource.sequence("numbers", 10_000, 2), "numbers").uid("numbers")
                            .keyBy(n -> n % 5).process(new CountPerKey()).uid("counter").sinkTo(sink);
                })
                .config("execution.checkpointing.interval", "1 h")
                .sink(SinkKind.TRANSACTIONAL)
                .expect(Expectation.EQUIVALENT)
                .reportsIn(reports)
                .run();

        assertThat(result.verdict().outcome()).as(result.verdict().reason()).isEqualTo(Outcome.VALID);
        assertThat(result.run().counts().completed()).as("checkpoints every 7 ms, not every hour").isGreaterThan(1);
    }

    @Test
    void aFaultNamingAnOperatorTheJobLacksIsRefusedWithOneLine() {
        assertThatThrownBy(() -> counting("typo", new CountPerKey())
                .fault(CrashFault.atRecord("countr", 1, 100)).reportsIn(reports).run())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("typo (Java): faults[0].crash.operator: job 'typo' has no operator 'countr'; it has"
                        + " [numbers, counter, sink]");
    }
}
