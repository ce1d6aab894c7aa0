package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What the checkpoint coordinator records. {@code actor} is "coordinator". */
public final class CheckpointEvents {
    private CheckpointEvents() {
    }

    /** Checkpoint {@code checkpoint} of {@code kind} (periodic, savepoint, final) was triggered; {@code tasks} must acknowledge it. */
    @JsonTypeName("checkpoint-triggered")
    public record Triggered(long time, String actor, int attempt, long checkpoint, String kind, int tasks)
            implements HistoryEvent {
    }

    /** Every task acknowledged checkpoint {@code checkpoint}; its metadata is written next. */
    @JsonTypeName("checkpoint-acknowledged-by-all")
    public record AcknowledgedByAll(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /**
     * Checkpoint {@code checkpoint} completed: {@code _metadata} is written in {@code folder}. Sizes as
     * Flink's: what this checkpoint wrote, and everything needed to restore it.
     */
    @JsonTypeName("checkpoint-completed")
    public record Completed(long time, String actor, int attempt, long checkpoint, String kind, long checkpointedSize,
                            long stateSize, String folder) implements HistoryEvent {
    }

    /** The store recorded checkpoint {@code checkpoint}: a restarted coordinator knows it. */
    @JsonTypeName("checkpoint-stored")
    public record Stored(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** Checkpoint {@code checkpoint} failed or was aborted, for {@code reason} (Flink's failure reasons). */
    @JsonTypeName("checkpoint-aborted")
    public record Aborted(long time, String actor, int attempt, long checkpoint, String reason, String message)
            implements HistoryEvent {
    }

    /** A newer checkpoint subsumed checkpoint {@code checkpoint}: deleted, beyond the retained number. */
    @JsonTypeName("checkpoint-subsumed")
    public record Subsumed(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** A checkpoint's folder could not be deleted yet (a late write is still going on): kept for now. */
    @JsonTypeName("checkpoint-folder-kept")
    public record FolderKept(long time, String actor, int attempt, long checkpoint, String reason)
            implements HistoryEvent {
    }

    /** A savepoint was triggered; {@code stop} for stop-with-savepoint; {@code tasks} must acknowledge it. */
    @JsonTypeName("savepoint-triggered")
    public record SavepointTriggered(long time, String actor, int attempt, long checkpoint, boolean stop, int tasks)
            implements HistoryEvent {
    }

    /**
     * Savepoint {@code checkpoint} completed into {@code folder} (its name, under the savepoint
     * directory). A savepoint is full: it writes everything it holds.
     */
    @JsonTypeName("savepoint-completed")
    public record SavepointCompleted(long time, String actor, int attempt, long checkpoint, long checkpointedSize,
                                     long stateSize, String folder) implements HistoryEvent {
    }

    /** In CLAIM mode, the checkpoint the job was resumed from: {@code deleted} once subsumed, or kept for {@code reason}. */
    @JsonTypeName("claimed-checkpoint")
    public record ClaimedCheckpoint(long time, String actor, int attempt, String folder, boolean deleted, String reason)
            implements HistoryEvent {
    }

    /**
     * The job ended ({@code end}: finished, failed, canceled) and retention {@code retention} was
     * applied; {@code kept} is the retained checkpoint's folder, or null when nothing was kept.
     */
    @JsonTypeName("retention-applied")
    public record RetentionApplied(long time, String actor, int attempt, String end, String retention, String kept)
            implements HistoryEvent {
    }

    /** The job's checkpoint folder could not be deleted. */
    @JsonTypeName("job-folder-kept")
    public record JobFolderKept(long time, String actor, int attempt, String reason) implements HistoryEvent {
    }
}
