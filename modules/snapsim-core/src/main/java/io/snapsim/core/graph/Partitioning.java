package io.snapsim.core.graph;

/** How records of an edge are spread over the downstream subtasks. */
public enum Partitioning {
    /** Subtask i sends to subtask i; both sides have the same parallelism. Chainable. */
    FORWARD,
    /** By key group of the record's key: every record of a key reaches the subtask that owns its state. */
    HASH,
    /** Round-robin over all downstream subtasks. */
    REBALANCE
}
