package io.snapsim.core.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * What completing a checkpoint changed. The actor notifies the tasks
 * {@code checkpointComplete(completed)}, tells them {@code checkpointAborted} for every entry of
 * {@code subsumedPending}, and deletes the files of every entry of {@code subsumedCompleted}
 * (oldest first). Immutable; the lists are copies.
 *
 * @param completed         the checkpoint that just completed
 * @param subsumedPending   older pending checkpoints aborted as {@link CheckpointFailureReason#SUBSUMED}, by id
 * @param subsumedCompleted retained checkpoints pushed out by {@code num-retained}, oldest first
 */
public record CompletionOutcome(
        CompletedCheckpoint completed,
        List<AbortedCheckpoint> subsumedPending,
        List<CompletedCheckpoint> subsumedCompleted) {

    public CompletionOutcome {
        Objects.requireNonNull(completed, "completed");
        subsumedPending = List.copyOf(subsumedPending);
        subsumedCompleted = List.copyOf(subsumedCompleted);
    }
}
