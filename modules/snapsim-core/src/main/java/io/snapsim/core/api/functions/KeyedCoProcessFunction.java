package io.snapsim.core.api.functions;

import java.io.Serializable;

/**
 * Processes two keyed streams connected on the same key: each side has its own method, state is
 * shared between them per key. Used for joins.
 */
public abstract class KeyedCoProcessFunction<K, I1, I2, O> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Called before the first record; register state here. */
    public void open(RuntimeContext context) throws Exception {
    }

    public abstract void processElement1(I1 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out) throws Exception;

    public abstract void processElement2(I2 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out) throws Exception;
}
