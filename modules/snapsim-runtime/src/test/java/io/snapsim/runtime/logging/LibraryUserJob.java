package io.snapsim.runtime.logging;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.RestartStrategies;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.job.JobResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * A user's program that depends on snapsim-runtime and runs a job through the public API, as a
 * JUnit test of the user's own project would: a keyed count with checkpoints, whose function
 * fails once so that the job restarts. {@link LibraryLoggingTest} runs it in a fresh JVM.
 * Prints {@code job: STATUS} on stdout and logs one INFO line of its own.
 */
public final class LibraryUserJob {
    /** The user function's one failure; static because the program runs one job in its own JVM. */
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    private LibraryUserJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, Duration.ofMillis(10)));
        env.setParallelism(2);
        env.getCheckpointConfig().setCheckpointStorage("file://" + Path.of(args[0]).resolve("checkpoints"));
        env.fromSequence(0, 49_999)
                .keyBy(value -> value % 10)
                .process(new FailOnceCount())
                .sinkTo(FileSinks.transactional(Path.of(args[0]).resolve("output")));
        JobResult result = env.execute("library-user-job");
        LoggerFactory.getLogger(LibraryUserJob.class).info("user code: the job ended {}", result.status());
        System.out.println("job: " + result.status());
    }

    /** Counts per key; throws once, at the 20,000th record of one subtask, before any restart. */
    static final class FailOnceCount extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> count;
        private transient long seen;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            if (++seen == 20_000 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("the user function fails once");
            }
            long n = count.value() + 1;
            count.update(n);
            out.collect(ctx.getCurrentKey() + "," + n);
        }
    }
}
