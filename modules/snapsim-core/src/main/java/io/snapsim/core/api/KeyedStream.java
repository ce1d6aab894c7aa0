package io.snapsim.core.api;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.graph.StreamNode;
import io.snapsim.core.operators.KeyedProcessOperator;

/** A stream partitioned by key; keyed operators on it may use keyed state. */
public final class KeyedStream<T, K> {
    private final StreamExecutionEnvironment env;
    private final StreamNode node;
    private final KeySelector<T, K> keySelector;

    KeyedStream(StreamExecutionEnvironment env, StreamNode node, KeySelector<T, K> keySelector) {
        this.env = env;
        this.node = node;
        this.keySelector = keySelector;
    }

    public <O> DataStream<O> process(KeyedProcessFunction<K, T, O> function) {
        KeyedProcessFunction<K, T, O> f = Functions.checked(function);
        KeySelector<T, K> k = keySelector;
        return env.addOperator(new DataStream<>(env, node), "process",
                () -> new KeyedProcessOperator(Functions.copy(f), Functions.copy(k)),
                io.snapsim.core.graph.Partitioning.HASH, keySelector);
    }

    /** Connects two keyed streams so that one two-input operator sees both, with shared keyed state. */
    public <T2> ConnectedStreams<T, T2, K> connect(KeyedStream<T2, K> other) {
        return new ConnectedStreams<>(env, this, other);
    }

    StreamNode node() {
        return node;
    }

    KeySelector<T, K> keySelector() {
        return keySelector;
    }
}
