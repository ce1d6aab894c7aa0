package io.snapsim.core.api.functions;

import java.io.Serializable;

/** Transforms one record into zero or more records. */
@FunctionalInterface
public interface FlatMapFunction<T, O> extends Serializable {
    void flatMap(T value, Collector<O> out) throws Exception;
}
