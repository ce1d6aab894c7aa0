package io.snapsim.core.api;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedCoProcessFunction;
import io.snapsim.core.operators.KeyedCoProcessOperator;

/** Two keyed streams feeding one two-input operator; barriers are aligned across both inputs. */
public final class ConnectedStreams<T1, T2, K> {
    private final StreamExecutionEnvironment env;
    private final KeyedStream<T1, K> first;
    private final KeyedStream<T2, K> second;

    ConnectedStreams(StreamExecutionEnvironment env, KeyedStream<T1, K> first, KeyedStream<T2, K> second) {
        this.env = env;
        this.first = first;
        this.second = second;
    }

    public <O> DataStream<O> process(KeyedCoProcessFunction<K, T1, T2, O> function) {
        KeyedCoProcessFunction<K, T1, T2, O> f = Functions.checked(function);
        KeySelector<T1, K> k1 = first.keySelector();
        KeySelector<T2, K> k2 = second.keySelector();
        return env.addTwoInputOperator(first.node(), k1, second.node(), k2,
                () -> new KeyedCoProcessOperator(Functions.copy(f), Functions.copy(k1), Functions.copy(k2)));
    }
}
