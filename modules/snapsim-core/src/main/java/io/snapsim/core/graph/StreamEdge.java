package io.snapsim.core.graph;

import io.snapsim.core.api.functions.KeySelector;

/**
 * A connection from one operator to an input of another.
 *
 * @param sourceId    upstream node id
 * @param targetId    downstream node id
 * @param targetInput which input of the downstream operator (0, or 1 for the second input of a two-input operator)
 * @param partitioning how records are spread over the downstream subtasks
 * @param keySelector the key for {@link Partitioning#HASH}, otherwise null
 */
public record StreamEdge(int sourceId, int targetId, int targetInput, Partitioning partitioning, KeySelector<?, ?> keySelector) {
    public StreamEdge {
        if (partitioning == Partitioning.HASH && keySelector == null) {
            throw new IllegalArgumentException("a HASH edge needs a key selector");
        }
    }
}
