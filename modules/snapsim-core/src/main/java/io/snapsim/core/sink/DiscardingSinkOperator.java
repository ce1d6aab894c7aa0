package io.snapsim.core.sink;

import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.StreamOperator;

/** Drops every record; for benchmarks that measure the pipeline without output I/O. */
public final class DiscardingSinkOperator implements StreamOperator {
    @Override
    public void setup(OperatorContext context) {
    }

    @Override
    public void processElement(int input, Object record) {
    }
}
