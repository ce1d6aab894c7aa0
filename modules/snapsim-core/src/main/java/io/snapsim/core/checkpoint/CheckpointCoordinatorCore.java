package io.snapsim.core.checkpoint;

import io.snapsim.core.storage.SubtaskStateSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checkpoint coordinator's bookkeeping, free of timers, messages and I/O: which checkpoints are
 * pending, which completed and are retained, how many consecutive failures count against
 * {@code tolerable-failed-checkpoints}, and the history Flink would report. The coordinator actor
 * owns one instance, passes in the current time of the job's clock with every event, and does
 * what the returned values say (send barriers, write metadata, notify tasks, delete files).
 *
 * <p>Invariants:
 * <ul>
 *   <li>checkpoint ids strictly increase, also across a restart (they continue after the recovered
 *       checkpoints);</li>
 *   <li>every triggered checkpoint ends exactly once, completed or aborted, never both;</li>
 *   <li>at most {@code max-concurrent-checkpoints} checkpoints are pending when a periodic or final
 *       one is triggered (savepoints ignore the limit);</li>
 *   <li>after a completion, the retained list holds at most {@code num-retained} checkpoints, oldest
 *       first, with increasing ids, and never a savepoint;</li>
 *   <li>{@code counts().triggered() == completed + failed + inProgress}.</li>
 * </ul>
 * Expected outcomes (late, duplicate or unknown acknowledgements, a checkpoint aborted while its
 * metadata was written) are values, not exceptions; exceptions mean the caller broke the protocol.
 *
 * <p>Confined to the coordinator actor; not thread-safe.
 */
public final class CheckpointCoordinatorCore {

    /** How many waiting subtasks an expiry message names before it abbreviates. */
    private static final int SUBTASKS_NAMED_IN_MESSAGES = 5;

    private final CheckpointCoordinatorConfig config;
    private SortedSet<SubtaskId> tasksToAcknowledge;
    private long nextCheckpointId;

    private final SortedMap<Long, PendingCheckpoint> pending = new TreeMap<>();
    private final Deque<CompletedCheckpoint> retained = new ArrayDeque<>();
    private CompletedCheckpoint latestSavepoint;
    private OptionalLong lastCompletionTimestamp = OptionalLong.empty();

    /** A success resets the failure count only if it is newer than the last success. */
    private long lastSucceededCheckpointId;
    private int consecutiveFailures;

    private final CheckpointStatsTracker stats = new CheckpointStatsTracker();

    /**
     * @param config             the checkpointing settings
     * @param tasksToAcknowledge the subtasks every new checkpoint waits for; may be empty until the
     *                           job is deployed (triggers are deferred meanwhile)
     * @param nextCheckpointId   the id the next checkpoint gets, at least 1; raised past the newest
     *                           recovered checkpoint if it is not already beyond it
     * @param alreadyCompleted   checkpoints recovered from the store, oldest first, no savepoints.
     *                           If there are more than {@code num-retained}, the excess is handed
     *                           out for deletion by the next completion.
     * @throws IllegalArgumentException if {@code nextCheckpointId < 1}, or {@code alreadyCompleted}
     *                                  holds a savepoint or is not in increasing id order
     */
    public CheckpointCoordinatorCore(
            CheckpointCoordinatorConfig config,
            Set<SubtaskId> tasksToAcknowledge,
            long nextCheckpointId,
            List<CompletedCheckpoint> alreadyCompleted) {
        this.config = Objects.requireNonNull(config, "config");
        this.tasksToAcknowledge = new TreeSet<>(tasksToAcknowledge);
        if (nextCheckpointId < 1) {
            throw new IllegalArgumentException("nextCheckpointId must be >= 1, was " + nextCheckpointId);
        }
        long newestRecovered = 0;
        for (CompletedCheckpoint c : alreadyCompleted) {
            if (!c.kind().isCheckpoint()) {
                throw new IllegalArgumentException("savepoint " + c.checkpointId()
                        + " cannot be a retained checkpoint: savepoints are not retained by the coordinator");
            }
            if (c.checkpointId() <= newestRecovered) {
                throw new IllegalArgumentException("recovered checkpoints must be oldest first with increasing ids, "
                        + "but " + c.checkpointId() + " follows " + newestRecovered);
            }
            newestRecovered = c.checkpointId();
            retained.addLast(c);
        }
        this.nextCheckpointId = Math.max(nextCheckpointId, newestRecovered + 1);
        this.lastSucceededCheckpointId = newestRecovered;
    }

    public CheckpointCoordinatorConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ triggering

    /**
     * Starts a checkpoint of the given kind now, or says why not and when to retry.
     * {@link TriggerKind#PERIODIC} obeys max-concurrent and min-pause (measured from the last
     * completion); {@link TriggerKind#FINAL} obeys only max-concurrent; {@link TriggerKind#SAVEPOINT}
     * obeys neither. Pending savepoints take concurrency slots too, as in Flink. All kinds are
     * deferred while there is no task to acknowledge.
     */
    public TriggerDecision tryTrigger(long now, TriggerKind kind) {
        Objects.requireNonNull(kind, "kind");
        Optional<TriggerDecision.Deferred> deferred = deferral(now, kind);
        if (deferred.isPresent()) {
            return deferred.get();
        }
        PendingCheckpoint checkpoint = new PendingCheckpoint(nextCheckpointId, now, kind, tasksToAcknowledge);
        nextCheckpointId++;
        pending.put(checkpoint.checkpointId(), checkpoint);
        stats.triggered();
        return new TriggerDecision.Triggered(checkpoint);
    }

    /**
     * When a periodic trigger is next allowed: {@code now} if {@link #tryTrigger} would start one,
     * otherwise the retry time it would answer.
     */
    public long nextTriggerTime(long now) {
        return deferral(now, TriggerKind.PERIODIC).map(TriggerDecision.Deferred::earliestRetryTime).orElse(now);
    }

    /** The id the next triggered checkpoint will get. */
    public long nextCheckpointId() {
        return nextCheckpointId;
    }

    private Optional<TriggerDecision.Deferred> deferral(long now, TriggerKind kind) {
        if (tasksToAcknowledge.isEmpty()) {
            return Optional.of(new TriggerDecision.Deferred("no tasks to acknowledge a checkpoint", now + config.intervalMs()));
        }
        if (kind == TriggerKind.SAVEPOINT) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        long retryTime = now;
        if (pending.size() >= config.maxConcurrentCheckpoints()) {
            reasons.add(pending.size() + " checkpoints pending, the maximum allowed by "
                    + CheckpointCoordinatorConfig.MAX_CONCURRENT_KEY + " (" + config.maxConcurrentCheckpoints() + ")");
            retryTime = Math.max(retryTime, earliestExpiry());
        }
        if (kind == TriggerKind.PERIODIC && lastCompletionTimestamp.isPresent()) {
            long pauseOver = lastCompletionTimestamp.getAsLong() + config.minPauseMs();
            if (pauseOver > now) {
                reasons.add("the last checkpoint completed at " + lastCompletionTimestamp.getAsLong() + ", less than "
                        + CheckpointCoordinatorConfig.MIN_PAUSE_KEY + " (" + config.minPauseMs() + " ms) ago");
                retryTime = Math.max(retryTime, pauseOver);
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TriggerDecision.Deferred(String.join("; ", reasons), retryTime));
    }

    /** When the oldest pending checkpoint expires at the latest, freeing a concurrency slot. */
    private long earliestExpiry() {
        long earliest = Long.MAX_VALUE;
        for (PendingCheckpoint p : pending.values()) {
            earliest = Math.min(earliest, p.triggerTimestamp() + config.timeoutMs());
        }
        return earliest;
    }

    // ------------------------------------------------------------------ acknowledging

    /**
     * Records a subtask's acknowledgement. An id that is not pending (unknown, aborted or completed)
     * answers {@link AckResult#DISCARDED}: the actor discards the acknowledged state.
     * {@code readyToComplete} is true exactly once per checkpoint, on the acknowledgement that makes
     * it fully acknowledged; the actor then writes the metadata and calls {@link #complete}.
     */
    public AckOutcome acknowledge(
            long checkpointId, SubtaskId from, SubtaskStateSnapshot state, SubtaskCheckpointMetrics metrics, long now) {
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null) {
            return new AckOutcome(AckResult.DISCARDED, false);
        }
        AckResult result = checkpoint.acknowledge(from, state, metrics, now);
        return new AckOutcome(result, result == AckResult.SUCCESS && checkpoint.isFullyAcknowledged());
    }

    // ------------------------------------------------------------------ completing

    /**
     * Completes a fully acknowledged checkpoint once its metadata has been written. For a periodic
     * or final checkpoint: older pending checkpoints (not savepoints) are aborted as
     * {@link CheckpointFailureReason#SUBSUMED}, it joins the retained list, and retained checkpoints
     * beyond {@code num-retained} are returned oldest first for deletion. A savepoint subsumes
     * nothing and is not retained. A completion newer than the last one resets the consecutive
     * failure count, and every completion restarts the min-pause.
     *
     * @return empty if the checkpoint is no longer pending (it was aborted, expired or subsumed
     *         while its metadata was written, or was never triggered): the actor then deletes the
     *         metadata it wrote
     * @throws IllegalStateException if the checkpoint is pending but not fully acknowledged
     */
    public Optional<CompletionOutcome> complete(long checkpointId, String metadataPath, long now) {
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null) {
            return Optional.empty();
        }
        if (!checkpoint.isFullyAcknowledged()) {
            throw new IllegalStateException("checkpoint " + checkpointId + " cannot complete: still waiting for "
                    + describe(checkpoint.notYetAcknowledged()));
        }
        CompletedCheckpoint completed = new CompletedCheckpoint(checkpointId, checkpoint.triggerTimestamp(), now,
                metadataPath, checkpoint.stateSize(), checkpoint.kind());
        checkpoint.markCompleted();
        pending.remove(checkpointId);
        stats.completed(checkpoint, now);

        List<AbortedCheckpoint> subsumedPending = new ArrayList<>();
        List<CompletedCheckpoint> subsumedCompleted = new ArrayList<>();
        if (completed.kind().isCheckpoint()) {
            for (PendingCheckpoint older : List.copyOf(pending.headMap(checkpointId).values())) {
                if (older.kind().isCheckpoint()) {
                    subsumedPending.add(abort(older, CheckpointFailureReason.SUBSUMED,
                            "subsumed by completed checkpoint " + checkpointId, OptionalLong.of(now)));
                }
            }
            retained.addLast(completed);
            while (retained.size() > config.numRetained()) {
                subsumedCompleted.add(retained.removeFirst());
            }
        } else {
            latestSavepoint = completed;
        }
        lastCompletionTimestamp = OptionalLong.of(Math.max(now, lastCompletionTimestamp.orElse(now)));
        if (checkpointId > lastSucceededCheckpointId) {
            lastSucceededCheckpointId = checkpointId;
            consecutiveFailures = 0;
        }
        return Optional.of(new CompletionOutcome(completed, subsumedPending, subsumedCompleted));
    }

    // ------------------------------------------------------------------ aborting

    /**
     * A subtask declined the checkpoint: it is aborted as {@link CheckpointFailureReason#DECLINED},
     * which counts as a failure (unless it is a savepoint).
     *
     * @return empty if the checkpoint is not pending or does not wait for that subtask
     */
    public Optional<AbortedCheckpoint> decline(long checkpointId, SubtaskId from, String reason, long now) {
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null || !checkpoint.waitsFor(from)) {
            return Optional.empty();
        }
        String message = "checkpoint " + checkpointId + " declined by " + from + ": " + reason;
        return Optional.of(abort(checkpoint, CheckpointFailureReason.DECLINED, message, OptionalLong.of(now)));
    }

    /**
     * Aborts a pending checkpoint for the given reason, for example {@link CheckpointFailureReason#IO_FAILURE}
     * when writing its metadata failed. It counts as a failure if the reason counts and it is not a savepoint.
     *
     * @return empty if the checkpoint is not pending
     */
    public Optional<AbortedCheckpoint> fail(long checkpointId, CheckpointFailureReason reason, String message, long now) {
        Objects.requireNonNull(reason, "reason");
        PendingCheckpoint checkpoint = pending.get(checkpointId);
        if (checkpoint == null) {
            return Optional.empty();
        }
        return Optional.of(abort(checkpoint, reason, message, OptionalLong.of(now)));
    }

    /**
     * Aborts, as {@link CheckpointFailureReason#EXPIRED}, every pending checkpoint whose
     * {@code trigger + timeout <= now}, oldest first. Each counts as a failure unless it is a savepoint.
     */
    public List<AbortedCheckpoint> expire(long now) {
        List<AbortedCheckpoint> expired = new ArrayList<>();
        for (PendingCheckpoint checkpoint : List.copyOf(pending.values())) {
            if (checkpoint.triggerTimestamp() + config.timeoutMs() <= now) {
                String message = "checkpoint " + checkpoint.checkpointId() + " expired before completing: "
                        + CheckpointCoordinatorConfig.TIMEOUT_KEY + " is " + config.timeoutMs() + " ms; "
                        + checkpoint.numberOfAcknowledged() + "/" + checkpoint.numberOfTasks()
                        + " subtasks acknowledged, waiting for " + describe(checkpoint.notYetAcknowledged());
                expired.add(abort(checkpoint, CheckpointFailureReason.EXPIRED, message, OptionalLong.of(now)));
            }
        }
        return expired;
    }

    /**
     * Aborts every pending checkpoint, oldest first, on failover or cancellation. These aborts never
     * count as failures, whatever the reason. The history does not know when they ended; prefer
     * {@link #abortAll(CheckpointFailureReason, String, long)} when the time is at hand.
     */
    public List<AbortedCheckpoint> abortAll(CheckpointFailureReason reason, String message) {
        return abortAllAt(reason, message, OptionalLong.empty());
    }

    /** As {@link #abortAll(CheckpointFailureReason, String)}, recording {@code now} as the abort time. */
    public List<AbortedCheckpoint> abortAll(CheckpointFailureReason reason, String message, long now) {
        return abortAllAt(reason, message, OptionalLong.of(now));
    }

    private List<AbortedCheckpoint> abortAllAt(CheckpointFailureReason reason, String message, OptionalLong now) {
        Objects.requireNonNull(reason, "reason");
        List<AbortedCheckpoint> aborted = new ArrayList<>();
        for (PendingCheckpoint checkpoint : List.copyOf(pending.values())) {
            aborted.add(abortUncounted(checkpoint, reason, message, now));
        }
        return aborted;
    }

    private AbortedCheckpoint abort(PendingCheckpoint checkpoint, CheckpointFailureReason reason, String message,
            OptionalLong now) {
        AbortedCheckpoint aborted = abortUncounted(checkpoint, reason, message, now);
        // Savepoints are the user's business, and a failure older than the last success is stale news.
        if (reason.countsTowardsTolerableFailures() && checkpoint.kind().isCheckpoint()
                && checkpoint.checkpointId() > lastSucceededCheckpointId) {
            consecutiveFailures++;
        }
        return aborted;
    }

    private AbortedCheckpoint abortUncounted(PendingCheckpoint checkpoint, CheckpointFailureReason reason,
            String message, OptionalLong now) {
        AbortedCheckpoint aborted = new AbortedCheckpoint(checkpoint.checkpointId(), reason, message);
        checkpoint.markAborted();
        pending.remove(checkpoint.checkpointId());
        stats.failed(checkpoint, now, reason, aborted.message());
        return aborted;
    }

    // ------------------------------------------------------------------ failure accounting

    /** True when the consecutive counted failures exceed {@code tolerable-failed-checkpoints}: fail the job over. */
    public boolean tolerableFailuresExceeded() {
        return consecutiveFailures > config.tolerableFailedCheckpoints();
    }

    /** Counted failures since the last (newer) completion. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    // ------------------------------------------------------------------ queries

    /** The newest retained checkpoint: what the job restores from on failover. Never a savepoint. */
    public Optional<CompletedCheckpoint> latestCompleted() {
        return Optional.ofNullable(retained.peekLast());
    }

    /** The newest savepoint completed by this coordinator. */
    public Optional<CompletedCheckpoint> latestSavepoint() {
        return Optional.ofNullable(latestSavepoint);
    }

    /** The retained checkpoints, oldest first. */
    public List<CompletedCheckpoint> retainedCheckpoints() {
        return List.copyOf(retained);
    }

    /** The pending checkpoints, by increasing id (an unmodifiable copy of the list; the checkpoints are live). */
    public Collection<PendingCheckpoint> pendingCheckpoints() {
        return List.copyOf(pending.values());
    }

    /** The pending checkpoint with this id. */
    public Optional<PendingCheckpoint> pendingCheckpoint(long checkpointId) {
        return Optional.ofNullable(pending.get(checkpointId));
    }

    public CheckpointCounts counts() {
        return stats.counts(pending.size());
    }

    /** The job was restored from this checkpoint or savepoint: counts one restore. */
    public void markRestored(long checkpointId) {
        stats.restored(checkpointId);
    }

    /** The checkpoint or savepoint of the latest {@link #markRestored}. */
    public OptionalLong latestRestoredCheckpointId() {
        return stats.latestRestoredCheckpointId();
    }

    /** One row per checkpoint this coordinator triggered, by increasing id; in-progress rows as of now. */
    public List<CheckpointStats> history() {
        return stats.history(pending.values());
    }

    /** The subtasks new checkpoints wait for, in subtask order. */
    public Set<SubtaskId> tasksToAcknowledge() {
        return Collections.unmodifiableSet(new TreeSet<>(tasksToAcknowledge));
    }

    /**
     * Replaces the subtasks that new checkpoints wait for, after a redeploy. Pending checkpoints keep
     * the set they were triggered with (abort them with {@link #abortAll} on failover).
     */
    public void setTasksToAcknowledge(Set<SubtaskId> tasks) {
        this.tasksToAcknowledge = new TreeSet<>(tasks);
    }

    // ------------------------------------------------------------------ helpers

    private static String describe(Set<SubtaskId> subtasks) {
        if (subtasks.size() <= SUBTASKS_NAMED_IN_MESSAGES) {
            return subtasks.toString();
        }
        Iterator<SubtaskId> it = subtasks.iterator();
        List<SubtaskId> named = new ArrayList<>();
        while (named.size() < SUBTASKS_NAMED_IN_MESSAGES) {
            named.add(it.next());
        }
        return named.stream().map(SubtaskId::toString).collect(Collectors.joining(", ", "[", ""))
                + " and " + (subtasks.size() - SUBTASKS_NAMED_IN_MESSAGES) + " more]";
    }
}
