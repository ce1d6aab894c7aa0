package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What the job master records: deployments, failovers, restarts, planned actions, the job's end. {@code actor} is "master". */
public final class JobEvents {
    private JobEvents() {
    }

    /**
     * Attempt {@code attempt} was deployed: {@code tasks} tasks, restoring checkpoint {@code checkpoint}
     * (null: a fresh start).
     */
    @JsonTypeName("deploy")
    public record Deployed(long time, String actor, int attempt, int tasks, Long checkpoint) implements HistoryEvent {
    }

    /** The job fails over after {@code cause}; {@code fault} is the planned fault behind it, or null. */
    @JsonTypeName("failover")
    public record Failover(long time, String actor, int attempt, Integer fault, String cause) implements HistoryEvent {
    }

    /** The restart strategy scheduled a restart in {@code delayMillis}. */
    @JsonTypeName("restart-scheduled")
    public record RestartScheduled(long time, String actor, int attempt, long delayMillis) implements HistoryEvent {
    }

    /** The coordinator crashed as planned fault {@code fault}; a new one recovers from the store. */
    @JsonTypeName("coordinator-crashed")
    public record CoordinatorCrashed(long time, String actor, int attempt, int fault, String message)
            implements HistoryEvent {
    }

    /** Retained checkpoint {@code checkpoint} cannot be restored: {@code reason}. */
    @JsonTypeName("checkpoint-damaged")
    public record CheckpointDamaged(long time, String actor, int attempt, long checkpoint, String reason)
            implements HistoryEvent {
    }

    /** Every one of the {@code damaged} retained checkpoints is damaged: nothing intact to restore from. */
    @JsonTypeName("no-intact-checkpoint")
    public record NoIntactCheckpoint(long time, String actor, int attempt, int damaged) implements HistoryEvent {
    }

    /** The job is cancelled, after {@code completedCheckpoints} completed checkpoints of this submission. */
    @JsonTypeName("cancel")
    public record Cancelled(long time, String actor, int attempt, long completedCheckpoints) implements HistoryEvent {
    }

    /** Savepoint {@code checkpoint} completed in folder {@code folder} (its name, under the savepoint directory). */
    @JsonTypeName("savepoint")
    public record SavepointTaken(long time, String actor, int attempt, long checkpoint, String folder)
            implements HistoryEvent {
    }

    /** The job stops after savepoint {@code checkpoint} (stop-with-savepoint). */
    @JsonTypeName("stop")
    public record Stopping(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** The job ended with {@code status} (finished, failed, canceled); {@code failure} says why it failed, or is null. */
    @JsonTypeName("job-ended")
    public record Ended(long time, String actor, int attempt, String status, String failure) implements HistoryEvent {
    }
}
