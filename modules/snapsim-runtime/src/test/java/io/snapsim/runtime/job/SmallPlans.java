package io.snapsim.runtime.job;

import io.snapsim.core.api.DataStream;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeyedCoProcessFunction;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.runtime.plan.JobPlan;

/** Small plans with every kind of edge, for tests of the job master's pure parts. */
final class SmallPlans {
    private SmallPlans() {
    }

    /**
     * Four tasks' worth of vertices over parallelism 1, 2 and 3 and every kind of edge:
     * <pre>
     *   numbers (p=n) --forward--> doubled (p=n) --hash--> joined (p=1, input 0) --forward, rescaled--> sink (p=n)
     *        \--rebalance--> spread (p=3) --hash--> joined (input 1)
     * </pre>
     * {@code numbers} has two outputs, so {@code doubled} is not chained to it; the sink's forward
     * edge becomes a rebalance when its parallelism differs from {@code joined}'s.
     */
    static JobPlan mixed(int n) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(n);
        DataStream<Long> numbers = env.fromSequence(0, 99).uid("numbers");
        DataStream<Long> doubled = numbers.map(x -> 2 * x).uid("doubled");
        DataStream<Long> spread = numbers.rebalance().map(x -> x + 1).uid("spread").setParallelism(3);
        DataStream<Long> joined = doubled.keyBy(x -> x % 10).connect(spread.keyBy(x -> x % 10))
                .process(new Both()).uid("joined").setParallelism(1);
        joined.sinkTo(FileSinks.discarding());
        return JobPlan.of(env.getJobGraph("mixed"));
    }

    /** Passes both inputs on. */
    static final class Both extends KeyedCoProcessFunction<Long, Long, Long, Long> {
        @Override
        public void processElement1(Long value, KeyedProcessFunction.Context<Long> ctx, Collector<Long> out) {
            out.collect(value);
        }

        @Override
        public void processElement2(Long value, KeyedProcessFunction.Context<Long> ctx, Collector<Long> out) {
            out.collect(value);
        }
    }

    /** The vertex whose chain ends with the operator {@code uid}. */
    static JobPlan.Vertex vertexEndingWith(JobPlan plan, String uid) {
        return plan.vertices().stream()
                .filter(v -> v.chain().get(v.chain().size() - 1).uid().equals(uid))
                .findFirst().orElseThrow(() -> new AssertionError("no vertex ends with " + uid + " in "
                        + plan.vertices().stream().map(JobPlan.Vertex::name).toList()));
    }
}
