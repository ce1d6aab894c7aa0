package io.snapsim.core.api.functions;

/** Receives the records a function emits. */
@FunctionalInterface
public interface Collector<T> {
    void collect(T record);
}
