package io.snapsim.core.api.functions;

import java.io.Serializable;

/** Transforms one record into exactly one record. */
@FunctionalInterface
public interface MapFunction<T, O> extends Serializable {
    O map(T value) throws Exception;
}
