package io.snapsim.core.graph;

import io.snapsim.core.source.ReplayableSource;

/**
 * One operator of a job graph. {@code uid} identifies the operator's state in snapshots, so it must
 * stay the same for a job to resume from its checkpoints. Mutable only while the job is being
 * built; confined to the thread that builds it.
 */
public final class StreamNode {
    private final int id;
    private final String kind;
    private final OperatorFactory factory;
    private final ReplayableSource<?> source;
    private String name;
    private String uid;
    private int parallelism = -1;
    private int maxParallelism = -1;

    public StreamNode(int id, String kind, String name, OperatorFactory factory, ReplayableSource<?> source) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.factory = factory;
        this.source = source;
    }

    public int id() {
        return id;
    }

    /** A short kind for reports: source, map, flat-map, filter, process, co-process, sink. */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The uid set by the user, or null. */
    public String uid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    /** The parallelism set on this operator, or -1 for the job's default. */
    public int parallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism of operator '" + name + "' must be >= 1, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public int maxParallelism() {
        return maxParallelism;
    }

    public void setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new IllegalArgumentException("max parallelism of operator '" + name + "' must be in [1, 32768], was " + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
    }

    public OperatorFactory factory() {
        return factory;
    }

    /** The source, when this node is a source; otherwise null. */
    public ReplayableSource<?> source() {
        return source;
    }

    public boolean isSource() {
        return source != null;
    }
}
