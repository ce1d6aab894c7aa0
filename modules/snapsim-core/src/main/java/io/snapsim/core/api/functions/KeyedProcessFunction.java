package io.snapsim.core.api.functions;

import java.io.Serializable;

/**
 * Processes the records of a keyed stream one at a time, with keyed state. {@link #open} is
 * called once per subtask (and again after every restore) before the first record.
 */
public abstract class KeyedProcessFunction<K, I, O> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Gives access to the key of the current record. */
    public interface Context<K> {
        K getCurrentKey();
    }

    /** Called before the first record; register state here. */
    public void open(RuntimeContext context) throws Exception {
    }

    public abstract void processElement(I value, Context<K> ctx, Collector<O> out) throws Exception;
}
