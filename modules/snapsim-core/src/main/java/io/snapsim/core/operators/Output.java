package io.snapsim.core.operators;

/** Where an operator's records go: the next operator of the chain, or the network. */
@FunctionalInterface
public interface Output {
    void emit(Object record);
}
