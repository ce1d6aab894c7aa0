package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;

/**
 * What a task records: its life cycle, barriers and alignment on its channels, snapshots and
 * acknowledgements, and what its sink does with transactions. {@code actor} is the task's name,
 * its chain and subtask such as {@code sum->sink#0}. Channels are the task's input channels unless
 * the event says output.
 */
public final class TaskEvents {
    private TaskEvents() {
    }

    /** The task's life cycle moved to {@code phase}. Terminal phases carry the records it read and wrote. */
    @JsonTypeName("task-lifecycle")
    public record Lifecycle(long time, String actor, int attempt, TaskPhase phase, Long sourceRecords,
                            Long sinkRecords, String message) implements HistoryEvent {
    }

    /**
     * The task learnt who sends on each of its input channels: {@code inputs.get(c)} is the sending
     * end of input channel {@code c}. Recorded once per attempt, before the task starts, so that a
     * barrier received on a channel can be matched with the barrier its sender sent.
     */
    @JsonTypeName("task-wired")
    public record Wired(long time, String actor, int attempt, List<ChannelSender> inputs) implements HistoryEvent {
        public Wired {
            inputs = List.copyOf(inputs);
        }
    }

    /** The sending end of an input channel: the upstream task and the index of its output channel. */
    public record ChannelSender(String task, int output) {
    }

    /**
     * The task restored its state from checkpoint {@code checkpoint}: its sources rewind to
     * {@code sourcePositions} (split to next record), empty for a task without a source.
     */
    @JsonTypeName("task-restored")
    public record Restored(long time, String actor, int attempt, long checkpoint, Map<String, Long> sourcePositions)
            implements HistoryEvent {
    }

    /**
     * Barrier {@code checkpoint} arrived on input channel {@code channel}, after {@code records}
     * records of this attempt on that channel: the channel's side of the cut.
     */
    @JsonTypeName("barrier-received")
    public record BarrierReceived(long time, String actor, int attempt, long checkpoint, int channel, long records)
            implements HistoryEvent {
    }

    /** The task sent barrier {@code checkpoint} on output channel {@code channel}, after {@code records} records. */
    @JsonTypeName("barrier-sent")
    public record BarrierSent(long time, String actor, int attempt, long checkpoint, int channel, long records)
            implements HistoryEvent {
    }

    /** Aligning checkpoint {@code checkpoint}: input channel {@code channel} holds back what follows its barrier. */
    @JsonTypeName("channel-blocked")
    public record ChannelBlocked(long time, String actor, int attempt, long checkpoint, int channel)
            implements HistoryEvent {
    }

    /**
     * Input channel {@code channel}, blocked for checkpoint {@code checkpoint}, delivers again.
     * {@code held} records arrived on it behind the barrier while it was blocked: they belong to the
     * next checkpoint's epoch, and are processed only now, after the snapshot (0 when the alignment
     * was aborted before any arrived).
     */
    @JsonTypeName("channel-unblocked")
    public record ChannelUnblocked(long time, String actor, int attempt, long checkpoint, int channel, long held)
            implements HistoryEvent {
    }

    /** The first barrier of checkpoint {@code checkpoint} arrived: alignment begins. */
    @JsonTypeName("alignment-started")
    public record AlignmentStarted(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** Every open channel delivered barrier {@code checkpoint}; alignment took {@code durationMillis}. */
    @JsonTypeName("alignment-completed")
    public record AlignmentCompleted(long time, String actor, int attempt, long checkpoint, long durationMillis)
            implements HistoryEvent {
    }

    /** Alignment of checkpoint {@code checkpoint} stopped without a snapshot, for {@code reason}. */
    @JsonTypeName("alignment-aborted")
    public record AlignmentAborted(long time, String actor, int attempt, long checkpoint, String reason)
            implements HistoryEvent {
    }

    /** A cancellation marker of checkpoint {@code checkpoint} arrived on input channel {@code channel}. */
    @JsonTypeName("cancel-marker-received")
    public record CancelMarkerReceived(long time, String actor, int attempt, long checkpoint, int channel)
            implements HistoryEvent {
    }

    /** Input channel {@code channel} ended. */
    @JsonTypeName("end-of-partition-received")
    public record EndOfPartitionReceived(long time, String actor, int attempt, int channel) implements HistoryEvent {
    }

    /**
     * The task took its synchronous snapshot of checkpoint {@code checkpoint}: {@code records} each
     * operator of its chain had processed, and for a source the positions it will resume from.
     */
    @JsonTypeName("snapshot")
    public record Snapshot(long time, String actor, int attempt, long checkpoint, List<Long> records,
                           Map<String, Long> sourcePositions) implements HistoryEvent {
    }

    /**
     * The task's part of checkpoint {@code checkpoint} is written and acknowledged, with its figures:
     * for each operator of its chain (by uid) at subtask {@code subtask}, the bytes it wrote
     * ({@code checkpointedSizes}), and all the chain needs to restore ({@code stateSize}).
     */
    @JsonTypeName("acknowledged")
    public record Acknowledged(long time, String actor, int attempt, long checkpoint, int subtask,
                               Map<String, Long> checkpointedSizes, long stateSize, long alignmentMillis,
                               long startDelayMillis, long syncMillis, long asyncMillis) implements HistoryEvent {
    }

    /** Writing the task's state of checkpoint {@code checkpoint} failed; the task declined it. */
    @JsonTypeName("snapshot-write-failed")
    public record SnapshotWriteFailed(long time, String actor, int attempt, long checkpoint, String message)
            implements HistoryEvent {
    }

    /** The task learnt that checkpoint {@code checkpoint} completed. */
    @JsonTypeName("checkpoint-complete-notified")
    public record CompleteNotified(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** The task learnt that checkpoint {@code checkpoint} was aborted. */
    @JsonTypeName("checkpoint-abort-notified")
    public record AbortNotified(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** The source read all its input, {@code records} records in this attempt. */
    @JsonTypeName("source-exhausted")
    public record SourceExhausted(long time, String actor, int attempt, long records) implements HistoryEvent {
    }

    /** Every input of the task ended. */
    @JsonTypeName("end-of-input")
    public record EndOfInput(long time, String actor, int attempt) implements HistoryEvent {
    }

    /** The sink pre-committed transaction {@code transaction} ({@code records} records) for checkpoint {@code checkpoint}. */
    @JsonTypeName("sink-precommitted")
    public record SinkPrecommitted(long time, String actor, int attempt, long checkpoint, String transaction,
                                   long records) implements HistoryEvent {
    }

    /**
     * The sink committed transaction {@code transaction} of checkpoint {@code checkpoint}: its records
     * are visible. {@code checkpoint} is null for the tail a job without checkpointing commits at the
     * end of its input.
     */
    @JsonTypeName("sink-committed")
    public record SinkCommitted(long time, String actor, int attempt, Long checkpoint, String transaction)
            implements HistoryEvent {
    }

    /** The sink aborted transaction {@code transaction}: its records are gone. */
    @JsonTypeName("sink-aborted")
    public record SinkAborted(long time, String actor, int attempt, String transaction) implements HistoryEvent {
    }
}
