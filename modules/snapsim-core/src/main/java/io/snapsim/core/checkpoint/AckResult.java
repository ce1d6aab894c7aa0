package io.snapsim.core.checkpoint;

/** What a pending checkpoint answers to an acknowledgement, as Flink's PendingCheckpoint does. */
public enum AckResult {
    /** The ack was accepted and recorded. */
    SUCCESS,
    /** This subtask has already acknowledged this checkpoint. */
    DUPLICATE,
    /** The subtask is not one this checkpoint waits for. */
    UNKNOWN,
    /** The checkpoint was already aborted or completed; the ack's state must be discarded. */
    DISCARDED
}
