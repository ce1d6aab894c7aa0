package io.snapsim.core.api;

import io.snapsim.core.graph.StreamNode;

/** The end of a stream: a sink operator, which can be named and given a uid and parallelism. */
public final class DataStreamSink {
    private final StreamNode node;

    DataStreamSink(StreamNode node) {
        this.node = node;
    }

    public DataStreamSink name(String name) {
        node.setName(name);
        return this;
    }

    public DataStreamSink uid(String uid) {
        node.setUid(uid);
        return this;
    }

    public DataStreamSink setParallelism(int parallelism) {
        node.setParallelism(parallelism);
        return this;
    }
}
