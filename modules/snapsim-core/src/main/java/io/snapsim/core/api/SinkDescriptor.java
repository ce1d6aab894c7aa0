package io.snapsim.core.api;

import io.snapsim.core.graph.OperatorFactory;

/** A sink to attach with {@link DataStream#sinkTo}; see {@link FileSinks}. */
public interface SinkDescriptor {
    OperatorFactory factory();
}
