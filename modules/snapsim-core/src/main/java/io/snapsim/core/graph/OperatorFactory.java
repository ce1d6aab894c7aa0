package io.snapsim.core.graph;

import io.snapsim.core.operators.StreamOperator;

/** Creates a fresh operator instance, with its own copies of user functions, for one subtask. */
@FunctionalInterface
public interface OperatorFactory {
    StreamOperator create();
}
