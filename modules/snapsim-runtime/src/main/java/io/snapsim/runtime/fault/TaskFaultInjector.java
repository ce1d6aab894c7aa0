package io.snapsim.runtime.fault;

import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.runtime.services.RuntimeServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The planned faults of one task, fired at the few points where the task asks: a record processed
 * by an operator of its chain, a time of the job's clock, a phase of a checkpoint (before or after
 * the snapshot, after the acknowledgement), the write of its state (failed or slow), a sink's commit,
 * and its output channels (network faults). A fault that strikes either throws an
 * {@link InjectedFault}, which fails the task (the task then records it, see
 * {@link #recordFired}), or records its own {@link FaultInjected} event when it takes effect
 * without failing the task (a failed or slow write, a channel fault).
 *
 * <p>Knows only this task's faults: the job master arms a task with the faults of its subtask and
 * chain that have not fired yet. Confined to the owning task.
 */
public final class TaskFaultInjector {

    /**
     * Who the faults strike.
     *
     * @param actor     the task's name, as history events carry it ({@code sum->sink#0})
     * @param subtask   the subtask index
     * @param attempt   the execution attempt
     * @param chainUids the uids of the chain's operators, head first
     */
    public record Target(String actor, int subtask, int attempt, List<String> chainUids) {
        public Target {
            Objects.requireNonNull(actor, "actor");
            chainUids = List.copyOf(chainUids);
        }
    }

    /** A crash planned for a time of the job's clock: fault {@code faultIndex}, due in {@code delayMillis}. */
    public record TimedCrash(int faultIndex, long delayMillis) {
    }

    /** A slow write in effect: the acknowledgement waits {@code delayMillis} on the task's timer {@code timerKey}. */
    public record SlowWrite(String timerKey, long delayMillis) {
    }

    private final Target target;
    private final List<ArmedFault> faults;
    private final List<ChannelFault> channelFaults;
    private final RuntimeServices services;
    /** Per chain position: the record count at which its operator crashes (0: none), and the fault's index. */
    private final long[] crashAt;
    private final int[] crashFault;
    /** Slow writes already applied, so that an acknowledgement delivered again is not delayed twice. */
    private final Set<Integer> slowWritesApplied = new HashSet<>();

    public TaskFaultInjector(Target target, List<ArmedFault> faults, List<ChannelFault> channelFaults,
                             RuntimeServices services) {
        this.target = Objects.requireNonNull(target, "target");
        this.faults = List.copyOf(faults);
        this.channelFaults = List.copyOf(channelFaults);
        this.services = Objects.requireNonNull(services, "services");
        int n = target.chainUids().size();
        this.crashAt = new long[n];
        this.crashFault = new int[n];
        armRecordCrashes();
    }

    /** Several crashes of one operator fire in record order, one per attempt: the earliest is armed. */
    private void armRecordCrashes() {
        for (ArmedFault f : faults) {
            for (int i = 0; i < crashAt.length; i++) {
                boolean here = target.chainUids().get(i).equals(f.operatorUid()) && f.subtask() == target.subtask();
                if (here && f.kind() == ArmedFault.Kind.CRASH && f.atRecord() > 0
                        && (crashAt[i] == 0 || f.atRecord() < crashAt[i])) {
                    crashAt[i] = f.atRecord();
                    crashFault[i] = f.faultIndex();
                }
            }
        }
    }

    // ---------------------------------------------------------------- records and time

    /**
     * The operator at chain position {@code position} is about to process its {@code count}-th
     * record of this attempt.
     *
     * @throws InjectedFault when it is planned to crash at that record
     */
    public void recordProcessed(int position, long count) {
        if (count == crashAt[position]) {
            throw InjectedFault.crash(crashFault[position], "injected crash of " + subtaskId(position)
                    + " at record " + count);
        }
    }

    /** The crashes planned for a time of the job's clock, with their delay from now (never negative). */
    public List<TimedCrash> timedCrashes() {
        List<TimedCrash> crashes = new ArrayList<>();
        for (ArmedFault f : faults) {
            if (f.kind() == ArmedFault.Kind.CRASH && f.atTime() > 0) {
                crashes.add(new TimedCrash(f.faultIndex(), Math.max(0, f.atTime() - services.clock().millis())));
            }
        }
        return crashes;
    }

    /** The crash of {@link #timedCrashes()} with index {@code faultIndex} is due: what to fail the task with. */
    public InjectedFault timedCrash(int faultIndex) {
        return InjectedFault.crash(faultIndex, "injected crash of " + target.actor() + " at time "
                + services.clock().millis() + " ms");
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * The task reached {@code phase} of checkpoint {@code checkpointId}.
     *
     * @throws InjectedFault when an operator of the chain is planned to crash there
     */
    public void checkpointPhase(long checkpointId, CheckpointPhase phase) {
        for (ArmedFault f : faults) {
            if (f.isCrashAt(checkpointId, phase) && f.subtask() == target.subtask()) {
                int position = target.chainUids().indexOf(f.operatorUid());
                if (position >= 0) {
                    throw new InjectedFault(f.faultIndex(), "crash", phase.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            checkpointId, "injected crash of " + subtaskId(position) + where(phase) + checkpointId);
                }
            }
        }
    }

    private static String where(CheckpointPhase phase) {
        return switch (phase) {
            case BEFORE_SNAPSHOT -> " while snapshotting checkpoint ";
            case AFTER_SNAPSHOT -> " after its snapshot of checkpoint ";
            case AFTER_ACK -> " after acknowledging checkpoint ";
        };
    }

    /**
     * What the asynchronous write of checkpoint {@code checkpointId}'s state fails with, or null
     * when no failed write is planned. The caller throws it on the I/O thread (so nothing of the
     * snapshot is written), and reports the failure with {@link #writeFailed}.
     */
    public UncheckedIOException writeFailure(long checkpointId) {
        ArmedFault f = planned(ArmedFault.Kind.FAIL_WRITE, checkpointId);
        return f == null ? null : new UncheckedIOException(new IOException("injected storage failure (fault "
                + f.faultIndex() + ") writing the state of checkpoint " + checkpointId));
    }

    /** Writing the state of checkpoint {@code checkpointId} failed: records the planned failure, if it was one. */
    public void writeFailed(long checkpointId) {
        ArmedFault f = planned(ArmedFault.Kind.FAIL_WRITE, checkpointId);
        if (f != null) {
            record(f, "storage.fail-write", target.actor(), checkpointId, "injected failure writing the state of "
                    + target.actor() + " for checkpoint " + checkpointId);
        }
    }

    /**
     * The state of checkpoint {@code checkpointId} is written: the slow write planned for it and not
     * applied yet (recorded now), during which the acknowledgement waits; null when there is none.
     */
    public SlowWrite slowWrite(long checkpointId) {
        ArmedFault f = planned(ArmedFault.Kind.SLOW_WRITE, checkpointId);
        if (f == null || !slowWritesApplied.add(f.faultIndex())) {
            return null;
        }
        record(f, "storage.slow-write", target.actor(), checkpointId, "slow write of the state of " + target.actor()
                + " for checkpoint " + checkpointId + ": +" + f.delay() + " ms");
        return new SlowWrite("slow-" + f.faultIndex(), f.delay());
    }

    /**
     * Checkpoint {@code checkpointId} completed, and the last one this task knew completed was
     * {@code lastCompletedId}: its sinks are about to commit.
     *
     * @throws InjectedFault when a sink commit is planned to fail at a checkpoint in between
     */
    public void commitNotified(long checkpointId, long lastCompletedId) {
        for (ArmedFault f : faults) {
            if (f.kind() == ArmedFault.Kind.SINK_COMMIT_FAIL && f.atCheckpoint() <= checkpointId
                    && f.atCheckpoint() > lastCompletedId && f.subtask() == target.subtask()) {
                throw new InjectedFault(f.faultIndex(), "sink-commit-fails", null, checkpointId, "injected failure of "
                        + f.operatorUid() + "#" + target.subtask() + " committing checkpoint " + checkpointId);
            }
        }
    }

    // ---------------------------------------------------------------- channels and firing

    /**
     * The network fault on output channel {@code outputChannel}, a channel to a task running
     * {@code targetChainUids}, or null when none is planned. It records its firing when it first takes effect.
     *
     * @param wakeUpIn asks the task to release the channel's held messages after the given milliseconds
     */
    public ChannelFaultInjector channelFault(List<String> targetChainUids, int outputChannel, LongConsumer wakeUpIn) {
        for (ChannelFault f : channelFaults) {
            if (target.chainUids().contains(f.from()) && targetChainUids.contains(f.to())) {
                String kind = f.kind().name().toLowerCase(Locale.ROOT);
                String where = target.actor() + " output " + outputChannel;
                return new ChannelFaultInjector(f, services.clock(), wakeUpIn, () -> services.record(new FaultInjected(
                        services.now(), target.actor(), target.attempt(), f.faultIndex(), "network." + kind, where, null,
                        null, "network " + kind + " in effect on the channel from " + target.actor() + " (output "
                        + outputChannel + ")")));
            }
        }
        return null;
    }

    /** Records {@code fault}, which is failing this task. */
    public void recordFired(InjectedFault fault) {
        services.record(fault.event(services.now(), target.actor(), target.attempt()));
    }

    private ArmedFault planned(ArmedFault.Kind kind, long checkpointId) {
        for (ArmedFault f : faults) {
            if (f.kind() == kind && f.atCheckpoint() == checkpointId && f.subtask() == target.subtask()) {
                return f;
            }
        }
        return null;
    }

    private void record(ArmedFault f, String kind, String where, long checkpointId, String detail) {
        services.record(new FaultInjected(services.now(), target.actor(), target.attempt(), f.faultIndex(), kind, where,
                null, checkpointId, detail));
    }

    private SubtaskId subtaskId(int position) {
        return new SubtaskId(target.chainUids().get(position), target.subtask());
    }
}
