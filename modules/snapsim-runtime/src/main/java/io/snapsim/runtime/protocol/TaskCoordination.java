package io.snapsim.runtime.protocol;

import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.util.Map;

/** Tasks and the checkpoint coordinator: triggers and notices one way, acknowledgements the other. */
public final class TaskCoordination {
    private TaskCoordination() {
    }

    /**
     * Sources only: snapshot the positions and emit barrier {@code checkpointId}; a savepoint when
     * {@code savepointDir} is set (state goes there, with handles relative to it).
     */
    public record TriggerCheckpoint(long checkpointId, long timestamp, String savepointDir) implements TaskCommand {
    }

    /** Checkpoint {@code checkpointId} completed: commit what it covers. */
    public record NotifyComplete(long checkpointId) implements TaskCommand {
    }

    /** Checkpoint {@code checkpointId} was aborted: discard what it holds. */
    public record NotifyAborted(long checkpointId) implements TaskCommand {
    }

    /** Sources only: the final checkpoint completed; send end of partition downstream. */
    public record FinishInput() implements TaskCommand {
    }

    /** A subtask's part of checkpoint {@code checkpointId} is written: its state handles and figures. */
    public record Acknowledge(int attempt, long checkpointId, Map<SubtaskId, SubtaskStateSnapshot> states,
                              SubtaskCheckpointMetrics metrics) implements CoordinatorCommand {
    }

    /** A subtask cannot take part in checkpoint {@code checkpointId}. */
    public record Decline(int attempt, long checkpointId, SubtaskId from, String reason) implements CoordinatorCommand {
    }

    /** A source subtask has read all its input and waits for the final checkpoint. */
    public record SourceExhausted(int attempt, TaskKey task) implements CoordinatorCommand {
    }
}
