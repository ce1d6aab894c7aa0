package io.snapsim.core.api;

import io.snapsim.core.api.functions.FilterFunction;
import io.snapsim.core.api.functions.FlatMapFunction;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.MapFunction;
import io.snapsim.core.graph.Partitioning;
import io.snapsim.core.graph.StreamNode;
import io.snapsim.core.operators.StatelessOperator;

/**
 * A stream of records of type T produced by one operator. Transformations add operators to the
 * environment's graph. Confined to the thread that builds the job.
 */
public class DataStream<T> {
    protected final StreamExecutionEnvironment env;
    protected final StreamNode node;
    private Partitioning nextPartitioning = Partitioning.FORWARD;

    DataStream(StreamExecutionEnvironment env, StreamNode node) {
        this.env = env;
        this.node = node;
    }

    public <O> DataStream<O> map(MapFunction<T, O> fn) {
        MapFunction<T, O> f = Functions.checked(fn);
        return env.addOperator(this, "map", () -> StatelessOperator.map(Functions.copy(f)), nextPartitioning, null);
    }

    public <O> DataStream<O> flatMap(FlatMapFunction<T, O> fn) {
        FlatMapFunction<T, O> f = Functions.checked(fn);
        return env.addOperator(this, "flat-map", () -> StatelessOperator.flatMap(Functions.copy(f)), nextPartitioning, null);
    }

    public DataStream<T> filter(FilterFunction<T> fn) {
        FilterFunction<T> f = Functions.checked(fn);
        return env.addOperator(this, "filter", () -> StatelessOperator.filter(Functions.copy(f)), nextPartitioning, null);
    }

    /** Partitions the stream by key: all records of a key go to the subtask that owns the key's key group. */
    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector) {
        return new KeyedStream<>(env, node, Functions.checked(keySelector));
    }

    /** The next operator receives records round-robin instead of forward. */
    public DataStream<T> rebalance() {
        DataStream<T> copy = new DataStream<>(env, node);
        copy.nextPartitioning = Partitioning.REBALANCE;
        return copy;
    }

    /** Writes the stream to a sink, see {@link FileSinks}. */
    public DataStreamSink sinkTo(SinkDescriptor sink) {
        DataStream<Object> s = env.addOperator(this, "sink", sink.factory(), nextPartitioning, null);
        return new DataStreamSink(s.node);
    }

    /** Names the operator that produces this stream (shown in reports; the default uid). */
    public DataStream<T> name(String name) {
        node.setName(name);
        return this;
    }

    /** Sets the operator's uid: the identity of its state in checkpoints and savepoints. */
    public DataStream<T> uid(String uid) {
        node.setUid(uid);
        return this;
    }

    public DataStream<T> setParallelism(int parallelism) {
        node.setParallelism(parallelism);
        return this;
    }

    public DataStream<T> setMaxParallelism(int maxParallelism) {
        node.setMaxParallelism(maxParallelism);
        return this;
    }

    StreamNode node() {
        return node;
    }
}
