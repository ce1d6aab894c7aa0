package io.snapsim.runtime.task;

import io.snapsim.core.barrier.AbortReason;
import io.snapsim.core.barrier.CheckpointController;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.operators.SourceOperator;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.core.time.Clock;
import io.snapsim.runtime.fault.TaskFaultInjector;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A task's part in checkpoints: the synchronous snapshot of its chain, the barrier forwarded on every
 * output channel, the asynchronous write on the I/O executor ({@link SnapshotWrite}), the
 * acknowledgement or the decline, and the completion and abort notices. It is the barrier handler's
 * {@link CheckpointController}, and records the alignment, snapshot and acknowledgement events.
 *
 * <p>Remembers the savepoint folder of each checkpoint that is one (learnt from the trigger, or the
 * first barrier), the last checkpoint it snapshotted and the last it knows completed: a task whose
 * input ended waits until the latter catches up, so that its sinks commit everything.
 *
 * <p>Confined to the owning task; only the {@link SnapshotWrite} runs elsewhere.
 */
final class SubtaskCheckpointer implements CheckpointController {
    private final TaskSpec spec;
    private final TaskHistory history;
    private final OperatorChain chain;
    private final RecordRouter router;
    private final InputGate gate;
    private final TaskFaultInjector faults;
    private final TaskMailbox mailbox;
    private final Clock clock;
    /** Savepoint folders by checkpoint id, learnt from the trigger (sources) or the first barrier. */
    private final TreeMap<Long, String> savepointTargets = new TreeMap<>();
    private long lastSnapshotId = -1;
    private long lastCompletedId = -1;
    private long alignmentStartNanos;
    private long firstBarrierMillis;

    /** The parts of one task a checkpoint touches. */
    record Parts(OperatorChain chain, RecordRouter router, InputGate gate, TaskFaultInjector faults,
                 TaskMailbox mailbox) {
    }

    SubtaskCheckpointer(TaskSpec spec, TaskHistory history, Parts parts) {
        this.spec = spec;
        this.history = history;
        this.chain = parts.chain();
        this.router = parts.router();
        this.gate = parts.gate();
        this.faults = parts.faults();
        this.mailbox = parts.mailbox();
        this.clock = spec.services().clock();
    }

    /** The task restored checkpoint {@code checkpointId}, which therefore completed. */
    void restored(long checkpointId) {
        lastCompletedId = checkpointId;
    }

    /** Whether the task snapshotted a checkpoint that it does not know completed yet (its sinks have not committed it). */
    boolean awaitsCompletion() {
        return spec.checkpointing() && lastSnapshotId > lastCompletedId;
    }

    // ---------------------------------------------------------------- triggers and barriers

    /** A source is told to take checkpoint {@code trigger}: it snapshots and emits the first barrier. */
    void triggered(TriggerCheckpoint trigger) throws Exception {
        firstBarrierMillis = clock.millis();
        alignmentStartNanos = clock.nanos();
        if (trigger.savepointDir() != null) {
            savepointTargets.put(trigger.checkpointId(), trigger.savepointDir());
        }
        performCheckpoint(trigger.checkpointId(), trigger.timestamp());
    }

    /** Declines checkpoint {@code checkpointId}, which the task cannot take part in now. */
    void decline(long checkpointId, String reason) {
        spec.coordinator().tell(new Decline(spec.attempt(), checkpointId, chain.id(0), reason));
    }

    /** The barrier of {@code checkpointId} names a savepoint folder. */
    void savepointBarrier(long checkpointId, String folder) {
        savepointTargets.put(checkpointId, folder);
    }

    @Override
    public void alignmentStarted(long checkpointId) {
        history.record(new TaskEvents.AlignmentStarted(history.now(), history.actor(), history.attempt(), checkpointId));
        alignmentStartNanos = clock.nanos();
        firstBarrierMillis = clock.millis();
    }

    @Override
    public void channelBlocked(long checkpointId, int channel) {
        history.record(new TaskEvents.ChannelBlocked(history.now(), history.actor(), history.attempt(), checkpointId,
                channel));
    }

    @Override
    public void channelUnblocked(long checkpointId, int channel) {
        history.record(new TaskEvents.ChannelUnblocked(history.now(), history.actor(), history.attempt(), checkpointId,
                channel, gate.queuedRecords(channel)));
    }

    @Override
    public void triggerCheckpoint(long checkpointId, long timestamp) {
        history.record(new TaskEvents.AlignmentCompleted(history.now(), history.actor(), history.attempt(), checkpointId,
                (clock.nanos() - alignmentStartNanos) / 1_000_000));
        try {
            performCheckpoint(checkpointId, timestamp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TaskFailure("snapshot of checkpoint " + checkpointId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abortCheckpoint(long checkpointId, AbortReason reason) {
        history.record(new TaskEvents.AlignmentAborted(history.now(), history.actor(), history.attempt(), checkpointId,
                reason.name()));
        firstBarrierMillis = 0;
        router.broadcast(new ChannelEvent.CancelMarker(checkpointId));
        if (reason != AbortReason.ABORTED_BY_COORDINATOR) {
            decline(checkpointId, "alignment aborted: " + reason);
        }
    }

    // ---------------------------------------------------------------- the snapshot

    /**
     * The synchronous part: snapshots every operator, forwards the barrier on every output channel,
     * then starts the asynchronous write. Planned crashes strike before and after it.
     */
    private void performCheckpoint(long checkpointId, long timestamp) throws Exception {
        faults.checkpointPhase(checkpointId, CheckpointPhase.BEFORE_SNAPSHOT);
        long syncStart = clock.nanos();
        long alignmentMs = (syncStart - alignmentStartNanos) / 1_000_000;
        long startDelay = Math.max(0, firstBarrierMillis - timestamp);
        firstBarrierMillis = 0;
        String savepointDir = savepointTargets.remove(checkpointId);
        savepointTargets.headMap(checkpointId).clear(); // targets of checkpoints that were aborted
        SnapshotKind kind = savepointDir == null ? SnapshotKind.CHECKPOINT : SnapshotKind.SAVEPOINT;
        List<SnapshotWrite.OperatorPart> parts = snapshotOperators(checkpointId, kind);
        forwardBarrier(new ChannelEvent.Barrier(checkpointId, timestamp, savepointDir));
        lastSnapshotId = checkpointId;
        history.record(new TaskEvents.Snapshot(history.now(), history.actor(), history.attempt(), checkpointId,
                chain.recordsProcessed(), mergedPositions(parts)));
        faults.checkpointPhase(checkpointId, CheckpointPhase.AFTER_SNAPSHOT);
        long syncMs = (clock.nanos() - syncStart) / 1_000_000;
        SnapshotWrite write = new SnapshotWrite(spec.storage(), checkpointId, kind, savepointDir, parts,
                faults.writeFailure(checkpointId), clock, new SnapshotWrite.SyncFigures(alignmentMs, startDelay, syncMs));
        mailbox.pipeToSelf(CompletableFuture.supplyAsync(write::run, spec.services().ioExecutor()),
                (ok, err) -> err == null ? ok : SnapshotWrite.Written.failed(checkpointId, err));
    }

    private List<SnapshotWrite.OperatorPart> snapshotOperators(long checkpointId, SnapshotKind kind) throws Exception {
        List<SnapshotWrite.OperatorPart> parts = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            var backend = chain.backend(i);
            var keyed = backend == null ? null : backend.snapshotFor(checkpointId, kind);
            var operator = chain.operator(i);
            byte[] operatorState = operator.snapshotOperatorState(checkpointId);
            Map<String, Long> positions = operator instanceof SourceOperator s ? s.positions() : Map.of();
            parts.add(new SnapshotWrite.OperatorPart(chain.id(i), spec.subtask(), chain.keyGroups(i), keyed,
                    operatorState, positions, operator.externalLocation()));
        }
        return parts;
    }

    /** Sends the barrier after every record emitted so far, on every output channel, and records where each channel's cut lies. */
    /**
     * Records {@code barrier-sent} on every output channel, then sends the barrier: recorded first, so
     * that in a live run no receiver can record its receipt before the history has its send.
     */
    private void forwardBarrier(ChannelEvent.Barrier barrier) {
        List<OutputChannel> channels = router.channels();
        for (int c = 0; c < channels.size(); c++) {
            history.record(new TaskEvents.BarrierSent(history.now(), history.actor(), history.attempt(),
                    barrier.checkpointId(), c, channels.get(c).recordsAdded()));
        }
        router.broadcast(barrier);
    }

    private static SortedMap<String, Long> mergedPositions(List<SnapshotWrite.OperatorPart> parts) {
        SortedMap<String, Long> merged = new TreeMap<>();
        parts.forEach(part -> merged.putAll(part.sourcePositions()));
        return merged;
    }

    // ---------------------------------------------------------------- after the write

    /**
     * The asynchronous part ended: acknowledges, or declines when writing failed. A planned slow
     * write holds the acknowledgement back once, on the task's timer.
     */
    void written(SnapshotWrite.Written written) {
        if (written.failure() != null) {
            faults.writeFailed(written.checkpointId());
            String reason = rootMessage(written.failure());
            history.record(new TaskEvents.SnapshotWriteFailed(history.now(), history.actor(), history.attempt(),
                    written.checkpointId(), reason));
            decline(written.checkpointId(), "writing state failed: " + reason);
            return;
        }
        TaskFaultInjector.SlowWrite slow = faults.slowWrite(written.checkpointId());
        if (slow != null) {
            mailbox.tellSelfAfter(slow.timerKey(), written, slow.delayMillis());
            return;
        }
        acknowledge(written);
        faults.checkpointPhase(written.checkpointId(), CheckpointPhase.AFTER_ACK);
    }

    private void acknowledge(SnapshotWrite.Written written) {
        for (int i = 0; i < chain.size(); i++) {
            if (written.keyedHandles()[i] != null) {
                chain.backend(i).snapshotWritten(written.checkpointId(), written.keyedHandles()[i]);
            }
        }
        SubtaskCheckpointMetrics m = written.metrics();
        SortedMap<String, Long> sizes = new TreeMap<>();
        written.states().forEach((id, state) -> sizes.put(id.operatorId(), state.checkpointedSize()));
        history.record(new TaskEvents.Acknowledged(history.now(), history.actor(), history.attempt(),
                written.checkpointId(), spec.subtask(), sizes,
                written.states().values().stream().mapToLong(SubtaskStateSnapshot::stateSize).sum(),
                m.alignmentDurationMs(), m.startDelayMs(), m.syncDurationMs(), m.asyncDurationMs()));
        spec.coordinator().tell(new Acknowledge(spec.attempt(), written.checkpointId(), written.states(), m));
    }

    /** Checkpoint {@code checkpointId} completed: the chain commits what it covers. */
    void completed(long checkpointId) throws Exception {
        faults.commitNotified(checkpointId, lastCompletedId);
        lastCompletedId = Math.max(lastCompletedId, checkpointId);
        history.record(new TaskEvents.CompleteNotified(history.now(), history.actor(), history.attempt(), checkpointId));
        chain.notifyCheckpointComplete(checkpointId);
    }

    /** Checkpoint {@code checkpointId} was aborted: backends forget it, alignment stops, operators are told. */
    void aborted(long checkpointId) throws Exception {
        history.record(new TaskEvents.AbortNotified(history.now(), history.actor(), history.attempt(), checkpointId));
        chain.notifyBackendsAborted(checkpointId);
        gate.abortCheckpoint(checkpointId);
        chain.notifyOperatorsAborted(checkpointId);
    }

    /** The last checkpoint snapshotted and the last known completed, for diagnosing a stalled job. */
    String describe() {
        return "lastSnapshot=" + lastSnapshotId + " lastCompleted=" + lastCompletedId;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c != c.getCause()) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
