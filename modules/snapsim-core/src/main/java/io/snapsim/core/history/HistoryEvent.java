package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a run's history: a record per kind of step, each with the common fields (when, by
 * whom, in which attempt) and its own typed fields. Written as one JSON line of
 * {@code history.jsonl} by {@link HistoryJson}, its {@code type} first (the record's
 * {@code @JsonTypeName}); the file's schema is documented in {@code docs/history.md}.
 *
 * <p>Histories must replay byte for byte for a seed: no wall-clock values in deterministic runs,
 * no absolute paths, maps in key order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface HistoryEvent permits JobEvents.GraphDescribed, JobEvents.Deployed, JobEvents.Failover, JobEvents.RestartScheduled,
        JobEvents.CoordinatorCrashed, JobEvents.CheckpointDamaged, JobEvents.NoIntactCheckpoint, JobEvents.Cancelled,
        JobEvents.SavepointTaken, JobEvents.Stopping, JobEvents.Ended,
        CheckpointEvents.Triggered, CheckpointEvents.AcknowledgedByAll, CheckpointEvents.Completed,
        CheckpointEvents.Stored, CheckpointEvents.Aborted, CheckpointEvents.Subsumed, CheckpointEvents.FolderKept,
        CheckpointEvents.SavepointTriggered, CheckpointEvents.SavepointCompleted, CheckpointEvents.ClaimedCheckpoint,
        CheckpointEvents.RetentionApplied, CheckpointEvents.JobFolderKept,
        TaskEvents.Lifecycle, TaskEvents.Wired, TaskEvents.Restored, TaskEvents.BarrierReceived, TaskEvents.BarrierSent,
        TaskEvents.ChannelBlocked, TaskEvents.ChannelUnblocked, TaskEvents.AlignmentStarted,
        TaskEvents.AlignmentCompleted, TaskEvents.AlignmentAborted, TaskEvents.CancelMarkerReceived,
        TaskEvents.EndOfPartitionReceived, TaskEvents.Snapshot, TaskEvents.Acknowledged, TaskEvents.SnapshotWriteFailed,
        TaskEvents.CompleteNotified, TaskEvents.AbortNotified, TaskEvents.SourceExhausted, TaskEvents.EndOfInput,
        TaskEvents.SinkPrecommitted, TaskEvents.SinkCommitted, TaskEvents.SinkAborted,
        FaultInjected {

    /** Milliseconds of the job's clock: virtual time in deterministic runs, the wall clock in live ones. */
    long time();

    /** Who: "master", "coordinator", or a task such as "sum->sink#0". */
    String actor();

    /** The execution attempt the event belongs to (0 for the first deployment). */
    int attempt();

    /** The event's type as the file writes it, for example {@code barrier-received}. */
    @JsonIgnore
    default String type() {
        return HistoryJson.typeName(getClass());
    }
}
