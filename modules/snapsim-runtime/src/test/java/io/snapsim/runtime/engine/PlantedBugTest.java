package io.snapsim.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.SinkDescriptor;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.StreamOperator;
import io.snapsim.core.sink.TransactionalFileSinkOperator;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.OutputComparison;
import io.snapsim.core.verdict.Verdict;
import io.snapsim.runtime.fault.ArmedFault;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker must be able to fail: jobs with a planted fault-tolerance bug, crashed once, must be
 * judged INVALID, and the same jobs without the crash (or without the bug) VALID, so that the
 * difference is shown to come from recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedBugTest {

    static final int PARALLELISM = 2;
    static final long KEYS = 1000;
    static final long DATA_SEED = 1;

    @TempDir
    Path temp;

    static Configuration config(String interval) {
        return JobHarness.config(Map.of(
                "execution.checkpointing.interval", interval,
                "execution.checkpointing.mode", "EXACTLY_ONCE",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "2",
                "restart-strategy.fixed-delay.delay", "5 ms"));
    }

    /**
     * source (0..records-1) → keyBy(value mod KEYS) → {@code sum} → sink. The sum functions emit
     * "key,sum" for one key in ten only: the input stays big enough for several checkpoints while
     * the output the checker compares stays small.
     */
    static JobGraph sumJob(long records, KeyedProcessFunction<Long, Long, String> sum, SinkDescriptor sink) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.fromSource(SequenceGeneratorSource.sequence("sequence", records, 4), "source").uid("source")
                .keyBy(new Modulo(KEYS))
                .process(sum).name("sum").uid("sum")
                .sinkTo(sink).name("sink").uid("sink");
        return env.getJobGraph("planted-bug");
    }

    static OutputComparison compare(JobHarness.Run reference, JobHarness.Run run) {
        return OutputComparison.compare(reference.output(), run.output(),
                reference.result().finalKeyedState(), run.result().finalKeyedState());
    }

    static boolean emits(long key) {
        return key % 10 == 0;
    }

    record Modulo(long keys) implements KeySelector<Long, Long> {
        @Override
        public Long getKey(Long value) {
            return value % keys;
        }
    }

    /** Correct: the per-key sum lives in ValueState, so checkpoints take it and restores bring it back. */
    static final class StateSum extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> sum;

        @Override
        public void open(RuntimeContext context) {
            sum = context.getState(new ValueStateDescriptor<>("sum", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long s = sum.value() + value;
            sum.update(s);
            if (emits(ctx.getCurrentKey())) {
                out.collect(ctx.getCurrentKey() + "," + s);
            }
        }
    }

    /** Planted bug: the per-key sum lives in a plain field, which no checkpoint sees and every restart empties. */
    static final class HashMapSum extends KeyedProcessFunction<Long, Long, String> {
        private final HashMap<Long, Long> sums = new HashMap<>();

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long s = sums.merge(ctx.getCurrentKey(), value, Long::sum);
            if (emits(ctx.getCurrentKey())) {
                out.collect(ctx.getCurrentKey() + "," + s);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StateOutsideOfManagedState {
        // big enough for several checkpoints to complete at a 10 ms interval before checkpoint 3 (the test checks it)
        static final long RECORDS = 2_000_000;

        JobHarness.Run reference;

        JobHarness.Run reference() throws Exception {
            if (reference == null) {
                reference = JobHarness.run(sumJob(RECORDS, new HashMapSum(), FileSinks.transactional(temp.resolve("hashmap-reference/output"))),
                        config("1 h"), temp.resolve("hashmap-reference"), List.of(), DATA_SEED);
                assertThat(reference.result().status()).isEqualTo(JobStatus.FINISHED);
            }
            return reference;
        }

        @Test
        void aCrashAfterCompletedCheckpointsIsJudgedInvalid() throws Exception {
            Path dir = temp.resolve("hashmap-crash");
            ArmedFault crash = new ArmedFault(0, "sum", 1, 0, 3);

            JobHarness.Run run = JobHarness.run(sumJob(RECORDS, new HashMapSum(), FileSinks.transactional(dir.resolve("output"))),
                    config("10 ms"), dir, List.of(crash), DATA_SEED);

            assertThat(run.result().status()).as("failure: %s", run.result().failureMessage()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).as("the crash fired").isEqualTo(1);
            assertThat(run.result().counts().restored()).as("restored from a completed checkpoint, not from scratch")
                    .isEqualTo(1);
            OutputComparison c = compare(reference(), run);
            assertThat(c.outputEqual()).as("the sums restart from zero after the restore").isFalse();
            assertThat(c.missing() + c.unexpected()).isPositive();
            Verdict verdict = Verdict.judge("equivalent", c);
            assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
            assertThat(verdict.reason()).containsAnyOf("records lost", "unexpected records");
        }

        @Test
        void withoutTheCrashTheSameJobIsJudgedValid() throws Exception {
            Path dir = temp.resolve("hashmap-no-crash");

            JobHarness.Run run = JobHarness.run(sumJob(RECORDS, new HashMapSum(), FileSinks.transactional(dir.resolve("output"))),
                    config("10 ms"), dir, List.of(), DATA_SEED);

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().counts().completed()).as("checkpoints ran, they just did not matter").isGreaterThan(2);
            assertThat(Verdict.judge("equivalent", compare(reference(), run)).outcome()).isEqualTo(Outcome.VALID);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SinkVisibleBeforeCompletion {
        static final long RECORDS = 1_000_000;

        JobHarness.Run reference;

        private JobHarness.Run runWith(String name, Function<Path, SinkDescriptor> sink, List<ArmedFault> faults)
                throws Exception {
            Path dir = temp.resolve(name);
            return JobHarness.run(sumJob(RECORDS, new StateSum(), sink.apply(dir.resolve("output"))),
                    config("10 ms"), dir, faults, DATA_SEED);
        }

        private JobHarness.Run reference() throws Exception {
            if (reference == null) {
                reference = runWith("sink-reference", FileSinks::transactional, List.of());
                assertThat(reference.result().status()).isEqualTo(JobStatus.FINISHED);
            }
            return reference;
        }

        @Test
        void aPlainSinkUnderExactlyOnceShowsTheReplayAsDuplicates() throws Exception {
            JobHarness.Run reference = reference();

            JobHarness.Run run = runWith("plain", FileSinks::plain, List.of(new ArmedFault(0, "sum", 0, 300_000, 0)));

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).isEqualTo(1);
            OutputComparison c = compare(reference, run);
            assertThat(c.duplicates()).isPositive();
            assertThat(c.missing()).as("a replay loses nothing").isZero();
            assertThat(Verdict.judge("equivalent", c).outcome()).isEqualTo(Outcome.INVALID);
            assertThat(Verdict.judge("duplicates-allowed", c).outcome()).isEqualTo(Outcome.VALID);
        }

        @Test
        void aSinkThatPublishesAtPreCommitDuplicatesWhenTheCheckpointThenFails() throws Exception {
            JobHarness.Run reference = reference();

            JobHarness.Run run = runWith("pre-commit-visible",
                    out -> failingAfterSnapshot(2, () -> new PublishAtPreCommitSink(out)), List.of());

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).as("the sink failed after its second pre-commit").isEqualTo(1);
            OutputComparison c = compare(reference, run);
            assertThat(c.duplicates()).isPositive();
            assertThat(c.missing()).isZero();
            assertThat(Verdict.judge("equivalent", c).outcome()).isEqualTo(Outcome.INVALID);
        }

        @Test
        void theTwoPhaseCommitSinkSurvivesTheSameFailureAfterPreCommit() throws Exception {
            JobHarness.Run reference = reference();

            JobHarness.Run run = runWith("two-phase-commit",
                    out -> failingAfterSnapshot(2, () -> new TransactionalFileSinkOperator(out)), List.of());

            assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(run.result().restarts()).isEqualTo(1);
            assertThat(Verdict.judge("equivalent", compare(reference, run)).outcome()).isEqualTo(Outcome.VALID);
        }
    }

    /** What a sink factory makes. */
    @FunctionalInterface
    interface SinkMaker {
        StreamOperator make();
    }

    /** The sink {@code sink}, failing in its first attempt right after its {@code n}-th snapshot (pre-commit). */
    static SinkDescriptor failingAfterSnapshot(int n, SinkMaker sink) {
        return () -> () -> new FailAfterPreCommit(sink.make(), n);
    }

    /**
     * Passes everything to a sink, but in the first attempt fails right after the sink's
     * {@code failAt}-th snapshot: that checkpoint can then never complete, and the job restores an
     * earlier one (or starts over). The failure comes from inside the snapshot so that it lands
     * deterministically between pre-commit and completion, a window a planned crash cannot hit
     * reliably; it counts snapshots rather than checkpoint ids, which depend on timing.
     */
    static final class FailAfterPreCommit implements StreamOperator {
        private final StreamOperator sink;
        private final int failAt;
        private int attempt;
        private int snapshots;

        FailAfterPreCommit(StreamOperator sink, int failAt) {
            this.sink = sink;
            this.failAt = failAt;
        }

        @Override
        public void setup(OperatorContext context) {
            attempt = context.attempt();
            sink.setup(context);
        }

        @Override
        public void restoreOperatorState(byte[] state) throws Exception {
            sink.restoreOperatorState(state);
        }

        @Override
        public void open() throws Exception {
            sink.open();
        }

        @Override
        public void processElement(int input, Object record) throws Exception {
            sink.processElement(input, record);
        }

        @Override
        public byte[] snapshotOperatorState(long checkpointId) throws Exception {
            byte[] state = sink.snapshotOperatorState(checkpointId);
            if (attempt == 0 && ++snapshots == failAt) {
                throw new IllegalStateException("planted failure after pre-committing checkpoint " + checkpointId);
            }
            return state;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            sink.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            sink.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void endInput(boolean checkpointingEnabled) throws Exception {
            sink.endInput(checkpointingEnabled);
        }

        @Override
        public void close() throws Exception {
            sink.close();
        }
    }

    /**
     * Planted bug: a "two-phase" sink that makes its transaction visible when it pre-commits (on
     * snapshot) instead of when the checkpoint completes. Visible files are {@code visible-S-A-N.txt}.
     */
    static final class PublishAtPreCommitSink implements StreamOperator {
        private final Path directory;
        private final StringBuilder open = new StringBuilder();
        private OperatorContext context;
        private int sequence;

        PublishAtPreCommitSink(Path directory) {
            this.directory = directory;
        }

        @Override
        public void setup(OperatorContext context) {
            this.context = context;
        }

        @Override
        public void open() throws IOException {
            Files.createDirectories(directory);
        }

        @Override
        public void processElement(int input, Object record) {
            open.append(record).append('\n');
        }

        @Override
        public byte[] snapshotOperatorState(long checkpointId) throws IOException {
            publish();
            return null;
        }

        @Override
        public void endInput(boolean checkpointingEnabled) throws IOException {
            if (!checkpointingEnabled) {
                publish();
            }
        }

        private void publish() throws IOException {
            if (open.length() == 0) {
                return;
            }
            Path file = directory.resolve("visible-" + context.subtaskIndex() + "-" + context.attempt() + "-"
                    + (sequence++) + ".txt");
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(open.toString());
            }
            open.setLength(0);
        }
    }
}
