package io.snapsim.core.checkpoint;

import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One in-flight checkpoint: the subtasks it waits for and the state and metrics of those that
 * acknowledged. It answers every acknowledgement with an {@link AckResult}, never an exception.
 *
 * <p>Life cycle: it starts in flight; it becomes fully acknowledged when the last subtask it waits
 * for acknowledges; it ends disposed, either completed or aborted, and only the coordinator
 * disposes it. Invariants: the acknowledged and not-yet-acknowledged subtasks partition the fixed
 * set of tasks to acknowledge; nothing changes once it is disposed.
 *
 * <p>Confined to the coordinator actor; not thread-safe. The collections it hands out are copies.
 */
public final class PendingCheckpoint {

    /** Where the checkpoint is in its life; acknowledgements are accepted only while in flight. */
    private enum Phase {
        /** Collecting acknowledgements, or fully acknowledged and waiting for its metadata. */
        IN_FLIGHT,
        /** Completed by the coordinator. */
        COMPLETED,
        /** Aborted by the coordinator. */
        ABORTED
    }

    private final long checkpointId;
    private final long triggerTimestamp;
    private final TriggerKind kind;
    private final int numberOfTasks;
    private final SortedSet<SubtaskId> notYetAcknowledged;
    private final SortedMap<SubtaskId, SubtaskStateSnapshot> acknowledgedStates = new TreeMap<>();
    private final SortedMap<SubtaskId, SubtaskCheckpointMetrics> metrics = new TreeMap<>();
    private long latestAckTimestamp = -1;
    private Phase phase = Phase.IN_FLIGHT;

    /**
     * A checkpoint that waits for an acknowledgement from every one of {@code tasksToAcknowledge}.
     *
     * @throws IllegalArgumentException if the id is below 1 or there is no task to wait for
     */
    public PendingCheckpoint(long checkpointId, long triggerTimestamp, TriggerKind kind, Set<SubtaskId> tasksToAcknowledge) {
        if (checkpointId < 1) {
            throw new IllegalArgumentException("checkpointId must be >= 1, was " + checkpointId);
        }
        if (tasksToAcknowledge.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + " must wait for at least one task");
        }
        this.checkpointId = checkpointId;
        this.triggerTimestamp = triggerTimestamp;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.notYetAcknowledged = new TreeSet<>(tasksToAcknowledge);
        this.numberOfTasks = notYetAcknowledged.size();
    }

    public long checkpointId() {
        return checkpointId;
    }

    public long triggerTimestamp() {
        return triggerTimestamp;
    }

    public TriggerKind kind() {
        return kind;
    }

    /**
     * Records one subtask's acknowledgement.
     *
     * @return {@link AckResult#DISCARDED} once disposed (the state must be thrown away),
     *         {@link AckResult#DUPLICATE} if this subtask already acknowledged (the first ack stands),
     *         {@link AckResult#UNKNOWN} if this checkpoint does not wait for that subtask,
     *         otherwise {@link AckResult#SUCCESS}
     */
    public AckResult acknowledge(SubtaskId from, SubtaskStateSnapshot state, SubtaskCheckpointMetrics metrics, long now) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(metrics, "metrics");
        if (phase != Phase.IN_FLIGHT) {
            return AckResult.DISCARDED;
        }
        if (!notYetAcknowledged.remove(from)) {
            return acknowledgedStates.containsKey(from) ? AckResult.DUPLICATE : AckResult.UNKNOWN;
        }
        acknowledgedStates.put(from, state);
        this.metrics.put(from, metrics);
        latestAckTimestamp = Math.max(latestAckTimestamp, now);
        return AckResult.SUCCESS;
    }

    /** True if this checkpoint waits for (or already has) an acknowledgement from that subtask. */
    public boolean waitsFor(SubtaskId subtask) {
        return notYetAcknowledged.contains(subtask) || acknowledgedStates.containsKey(subtask);
    }

    /** True once every subtask it waits for has acknowledged (stays true after disposal). */
    public boolean isFullyAcknowledged() {
        return notYetAcknowledged.isEmpty();
    }

    public int numberOfAcknowledged() {
        return acknowledgedStates.size();
    }

    public int numberOfTasks() {
        return numberOfTasks;
    }

    /** The subtasks still to acknowledge, in subtask order. */
    public Set<SubtaskId> notYetAcknowledged() {
        return Collections.unmodifiableSet(new TreeSet<>(notYetAcknowledged));
    }

    /** Every subtask it waits for, acknowledged or not, in subtask order. */
    public Set<SubtaskId> tasksToAcknowledge() {
        TreeSet<SubtaskId> all = new TreeSet<>(notYetAcknowledged);
        all.addAll(acknowledgedStates.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** State of the subtasks that acknowledged, in subtask order. */
    public Map<SubtaskId, SubtaskStateSnapshot> acknowledgedStates() {
        return Collections.unmodifiableMap(new TreeMap<>(acknowledgedStates));
    }

    /** Metrics of the subtasks that acknowledged, in subtask order. */
    public Map<SubtaskId, SubtaskCheckpointMetrics> metrics() {
        return Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** Time of the latest acknowledgement, or -1 if none arrived. */
    public long latestAckTimestamp() {
        return latestAckTimestamp;
    }

    /** Full state size: the sum of the acknowledged subtasks' state. */
    public long stateSize() {
        long sum = 0;
        for (SubtaskStateSnapshot s : acknowledgedStates.values()) {
            sum += s.stateSize();
        }
        return sum;
    }

    /** Bytes the acknowledged subtasks report as checkpointed (the delta when incremental). */
    public long checkpointedSize() {
        long sum = 0;
        for (SubtaskCheckpointMetrics m : metrics.values()) {
            sum += m.stateSize();
        }
        return sum;
    }

    /** True once completed or aborted; acknowledgements are then {@link AckResult#DISCARDED}. */
    public boolean isDisposed() {
        return phase != Phase.IN_FLIGHT;
    }

    /** True once the coordinator completed it. */
    public boolean isCompleted() {
        return phase == Phase.COMPLETED;
    }

    /** Only the coordinator completes a checkpoint, once it is fully acknowledged. */
    void markCompleted() {
        if (phase != Phase.IN_FLIGHT || !isFullyAcknowledged()) {
            throw new IllegalStateException("checkpoint " + checkpointId + " cannot complete: " + phase
                    + ", waiting for " + notYetAcknowledged);
        }
        phase = Phase.COMPLETED;
    }

    /** Only the coordinator aborts a checkpoint. */
    void markAborted() {
        if (phase != Phase.IN_FLIGHT) {
            throw new IllegalStateException("checkpoint " + checkpointId + " is already " + phase);
        }
        phase = Phase.ABORTED;
    }

    @Override
    public String toString() {
        return "PendingCheckpoint[" + checkpointId + ", " + kind + ", " + phase + ", acknowledged "
                + numberOfAcknowledged() + "/" + numberOfTasks + "]";
    }
}
