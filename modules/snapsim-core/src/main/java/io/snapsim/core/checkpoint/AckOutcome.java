package io.snapsim.core.checkpoint;

import java.util.Objects;

/**
 * The coordinator's answer to one acknowledgement. Invariant: {@code readyToComplete} implies
 * {@code result == SUCCESS}; it is true for exactly one acknowledgement per checkpoint, the last
 * one, which tells the actor to write the metadata and then call
 * {@link CheckpointCoordinatorCore#complete}. Immutable.
 */
public record AckOutcome(AckResult result, boolean readyToComplete) {
    public AckOutcome {
        Objects.requireNonNull(result, "result");
        if (readyToComplete && result != AckResult.SUCCESS) {
            throw new IllegalArgumentException("only a SUCCESS ack can make a checkpoint ready, was " + result);
        }
    }
}
