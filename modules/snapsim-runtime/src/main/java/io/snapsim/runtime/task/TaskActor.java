package io.snapsim.runtime.task;

import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import io.snapsim.runtime.fault.InjectedFault;
import io.snapsim.runtime.fault.TaskFaultInjector;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane.Credit;
import io.snapsim.runtime.protocol.DataPlane.DataBatch;
import io.snapsim.runtime.protocol.DataPlane.Event;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.FinishInput;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyAborted;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.DescribeTask;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.StopGracefully;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import io.snapsim.runtime.protocol.TaskLifecycle.Wire;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function;

/**
 * Runs one subtask of a chain of operators. The actor only receives messages, hands them to its
 * parts and changes behaviour with the task's phase:
 * <ul>
 *   <li>{@link #deploying}: waits for its channels ({@link Wire}) and the {@link Start}; queues input
 *       that upstream tasks, started first, already send; declines checkpoints;
 *   <li>then restores (recorded as its own phase) and opens the chain, and is {@link #running}:
 *       records, barriers, checkpoints, credits; a source emits chunk after chunk ({@link SourcePump});
 *   <li>{@link #draining} once its input ended: waits for the final checkpoint's completion (so that
 *       its sinks commit) and for its output to be sent;
 *   <li>finished, or failed, cancelled (stopped by the master) or stopped (stop-with-savepoint).
 * </ul>
 * The parts: the {@link InputGate} (input channels, credits, barrier handler), the
 * {@link OperatorChain} (operators, backends, outputs), the {@link RecordRouter} (output channels),
 * the {@link SubtaskCheckpointer} (snapshots, acknowledgements, notices), the {@link TaskRestorer},
 * and the {@link TaskFaultInjector} (the planned faults). Every phase change is recorded
 * ({@link TaskPhases}). Any exception, in any phase, fails the task and is reported to the job
 * master as {@link TaskFailed}, which restarts the job.
 */
public final class TaskActor {

    /** A crash planned for a time of the job's clock is due. */
    private record TimedCrashDue(int faultIndex) implements TaskCommand.Internal {
    }

    /** A handler of one message; whatever it throws fails the task. */
    private interface Handler<M> {
        Behavior<TaskCommand> handle(M message) throws Exception;
    }

    private final TimerScheduler<TaskCommand> timers;
    private final TaskSpec spec;
    private final TaskKey key;
    private final TaskHistory history;
    private final TaskPhases phases;
    private final TaskFaultInjector faults;
    private final OperatorChain chain;
    private final InputGate gate;
    private final TaskMailbox mailbox;
    private final InputGate.Consumer consumer = new GateConsumer();
    private final Behavior<TaskCommand> running;
    private final Behavior<TaskCommand> draining;
    /** The output channels and the checkpointer, from the wiring on. */
    private RecordRouter router;
    private SubtaskCheckpointer checkpointer;
    /** The source's driver, for a task that starts with a source, from the start on. */
    private SourcePump source;

    private TaskActor(ActorContext<TaskCommand> context, TimerScheduler<TaskCommand> timers, TaskSpec spec) {
        this.timers = timers;
        this.spec = spec;
        this.mailbox = new ActorMailbox(context, timers);
        this.key = new TaskKey(spec.vertex().id(), spec.subtask());
        this.history = new TaskHistory(spec.services(), spec.vertex().taskName(spec.subtask()), spec.attempt());
        this.faults = new TaskFaultInjector(new TaskFaultInjector.Target(history.actor(), spec.subtask(), spec.attempt(),
                spec.vertex().chain().stream().map(ResolvedNode::uid).toList()), spec.faults(), spec.channelFaults(),
                spec.services());
        this.chain = new OperatorChain(spec, faults, history);
        this.gate = new InputGate(spec.inputOfChannel(), history);
        this.phases = new TaskPhases(history);
        this.running = runningBehavior();
        this.draining = drainingBehavior();
    }

    public static Behavior<TaskCommand> create(TaskSpec spec) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            try {
                return new TaskActor(ctx, timers, spec).deploying();
            } catch (RuntimeException e) {
                // no phase to record it in yet: the master hears of it all the same
                spec.master().tell(new TaskFailed(spec.attempt(), new TaskKey(spec.vertex().id(), spec.subtask()),
                        "task " + spec.vertex().name() + "#" + spec.subtask() + " failed: " + e, -1));
                return Behaviors.stopped();
            }
        }));
    }

    // ---------------------------------------------------------------- behaviours per phase

    /** Spawned: waits for its channels and the start. */
    private Behavior<TaskCommand> deploying() {
        return always(Behaviors.receive(TaskCommand.class)
                .onMessage(Wire.class, guard(this::onWire))
                .onMessage(Start.class, guard(this::onStart))
                .onMessage(DataBatch.class, guard(this::queueBeforeStart))
                .onMessage(Event.class, guard(this::queueBeforeStart))
                .onMessage(TriggerCheckpoint.class, guard(t -> decline(t, "task not running")))
                .onMessage(NotifyComplete.class, guard(this::ignoreBeforeStart))
                .onMessage(NotifyAborted.class, guard(this::ignoreBeforeStart)));
    }

    /** Processing records and taking part in checkpoints. */
    private Behavior<TaskCommand> runningBehavior() {
        return always(Behaviors.receive(TaskCommand.class)
                .onMessage(DataBatch.class, guard(this::onInput))
                .onMessage(Event.class, guard(this::onInput))
                .onMessage(Credit.class, guard(this::onCreditRunning))
                .onMessage(SourcePump.Continue.class, guard(this::onContinue))
                .onMessage(TriggerCheckpoint.class, guard(this::onTrigger))
                .onMessage(NotifyComplete.class, guard(this::onCompleteRunning))
                .onMessage(NotifyAborted.class, guard(this::onAborted))
                .onMessage(FinishInput.class, guard(f -> endOfAllInputs()))
                .onMessage(SnapshotWrite.Written.class, guard(this::onWritten))
                .onMessage(RecordRouter.ReleaseChannel.class, guard(this::onReleaseRunning))
                .onMessage(TimedCrashDue.class, guard(this::onTimedCrash)));
    }

    /** Input ended: waits for the final checkpoint's completion and for output credit, then finishes. */
    private Behavior<TaskCommand> drainingBehavior() {
        return always(Behaviors.receive(TaskCommand.class)
                .onMessage(DataBatch.class, guard(this::onInput))
                .onMessage(Event.class, guard(this::onInput))
                .onMessage(Credit.class, guard(this::onCreditDraining))
                .onMessage(TriggerCheckpoint.class, guard(t -> decline(t, "source already finished")))
                .onMessage(NotifyComplete.class, guard(this::onCompleteDraining))
                .onMessage(NotifyAborted.class, guard(this::onAborted))
                .onMessage(FinishInput.class, guard(f -> Behaviors.same()))
                .onMessage(SnapshotWrite.Written.class, guard(this::onWritten))
                .onMessage(RecordRouter.ReleaseChannel.class, guard(this::onReleaseDraining))
                .onMessage(TimedCrashDue.class, guard(this::onTimedCrash)));
    }

    /** What every phase accepts: a description, the stop-with-savepoint, and the stop. */
    private Behavior<TaskCommand> always(BehaviorBuilder<TaskCommand> phase) {
        return phase.onMessage(DescribeTask.class, guard(this::onDescribe))
                .onMessage(StopGracefully.class, guard(this::onStopGracefully))
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    private <M> Function<M, Behavior<TaskCommand>> guard(Handler<M> handler) {
        return message -> {
            try {
                return handler.handle(message);
            } catch (Throwable t) {
                return fail(t);
            }
        };
    }

    // ---------------------------------------------------------------- deploying

    private Behavior<TaskCommand> onWire(Wire wire) {
        router = RecordRouter.wire(spec, wire.outputsByEdge(), faults, mailbox);
        gate.wire(wire.inputs());
        history.record(new TaskEvents.Wired(history.now(), history.actor(), history.attempt(), wire.inputs().stream()
                .map(i -> new TaskEvents.ChannelSender(i.senderTask(), i.outputChannelAtSender())).toList()));
        checkpointer = new SubtaskCheckpointer(spec, history,
                new SubtaskCheckpointer.Parts(chain, router, gate, faults, mailbox));
        return Behaviors.same();
    }

    /** Upstream tasks may start first: their input waits in the gate until this task starts. */
    private Behavior<TaskCommand> queueBeforeStart(TaskCommand input) {
        gate.enqueue(input);
        return Behaviors.same();
    }

    /** A notice of a checkpoint this attempt took no part in (aborted before the task started). */
    private Behavior<TaskCommand> ignoreBeforeStart(TaskCommand notice) {
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onStart(Start start) throws Exception {
        chain.setUp(router);
        if (spec.restore() != null) {
            phases.enter(TaskPhase.RESTORING);
            TaskRestorer.Restored restored = TaskRestorer.restore(spec.restore(), chain, spec.storage());
            checkpointer.restored(restored.checkpointId());
            history.record(new TaskEvents.Restored(history.now(), history.actor(), history.attempt(),
                    restored.checkpointId(), restored.sourcePositions()));
        }
        chain.open();
        gate.start(spec.mode(), checkpointer);
        phases.enter(TaskPhase.RUNNING);
        for (TaskFaultInjector.TimedCrash crash : faults.timedCrashes()) {
            timers.startSingleTimer("crash-" + crash.faultIndex(), new TimedCrashDue(crash.faultIndex()),
                    Duration.ofMillis(crash.delayMillis()));
        }
        if (gate.numberOfChannels() == 0) {
            source = new SourcePump(chain.source(), spec.batchSize(), mailbox);
            source.schedule();
            return running;
        }
        return drainInput(running);
    }

    // ---------------------------------------------------------------- running

    private Behavior<TaskCommand> onInput(TaskCommand input) throws Exception {
        gate.enqueue(input);
        return drainInput(Behaviors.same());
    }

    private Behavior<TaskCommand> onCreditRunning(Credit credit) throws Exception {
        router.grant(credit.outputChannel(), credit.credits());
        if (router.isBackpressured()) {
            return Behaviors.same();
        }
        if (source != null) {
            source.schedule();
            return Behaviors.same();
        }
        return drainInput(Behaviors.same());
    }

    private Behavior<TaskCommand> onContinue(SourcePump.Continue next) throws Exception {
        if (source.onContinue(router) != SourcePump.Emitted.EXHAUSTED_NOW) {
            return Behaviors.same();
        }
        history.record(new TaskEvents.SourceExhausted(history.now(), history.actor(), history.attempt(),
                chain.sourceRecords()));
        if (!spec.checkpointing()) {
            return endOfAllInputs();
        }
        // the input ends once the final checkpoint completed (FinishInput), so that it covers every record
        spec.coordinator().tell(new SourceExhausted(spec.attempt(), key));
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onTrigger(TriggerCheckpoint trigger) throws Exception {
        checkpointer.triggered(trigger);
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onCompleteRunning(NotifyComplete notify) throws Exception {
        checkpointer.completed(notify.checkpointId());
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onAborted(NotifyAborted notify) throws Exception {
        checkpointer.aborted(notify.checkpointId());
        return gate.numberOfChannels() > 0 ? drainInput(Behaviors.same()) : Behaviors.same();
    }

    private Behavior<TaskCommand> onWritten(SnapshotWrite.Written written) {
        checkpointer.written(written);
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onReleaseRunning(RecordRouter.ReleaseChannel release) {
        router.release(release.outputChannel());
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onTimedCrash(TimedCrashDue crash) {
        return fail(faults.timedCrash(crash.faultIndex()));
    }

    /** Takes what input the gate lets through; stays in {@code stay} unless the input ended. */
    private Behavior<TaskCommand> drainInput(Behavior<TaskCommand> stay) throws Exception {
        Behavior<TaskCommand> next = gate.drain(consumer) == InputGate.Drained.ALL_INPUT_ENDED
                ? endOfAllInputs() : stay;
        router.flush();
        return next;
    }

    /** Every input ended (or the source ran out): the operators end, end of partition goes downstream. */
    private Behavior<TaskCommand> endOfAllInputs() throws Exception {
        history.record(new TaskEvents.EndOfInput(history.now(), history.actor(), history.attempt()));
        phases.enter(TaskPhase.DRAINING);
        chain.endInput(spec.checkpointing());
        router.broadcast(new ChannelEvent.EndOfPartition());
        return finishIfDone(draining);
    }

    // ---------------------------------------------------------------- draining

    private Behavior<TaskCommand> onCreditDraining(Credit credit) {
        router.grant(credit.outputChannel(), credit.credits());
        return router.isBackpressured() ? Behaviors.same() : finishIfDone(Behaviors.same());
    }

    private Behavior<TaskCommand> onCompleteDraining(NotifyComplete notify) throws Exception {
        checkpointer.completed(notify.checkpointId());
        return finishIfDone(Behaviors.same());
    }

    private Behavior<TaskCommand> onReleaseDraining(RecordRouter.ReleaseChannel release) {
        router.release(release.outputChannel());
        return finishIfDone(Behaviors.same());
    }

    /**
     * Finishes once the last snapshot's checkpoint is known complete (so sinks committed), and
     * records and the end of partition no longer wait for credit or a delayed channel.
     */
    private Behavior<TaskCommand> finishIfDone(Behavior<TaskCommand> stay) {
        if (checkpointer.awaitsCompletion() || router.isBackpressured() || router.isHolding()) {
            return stay;
        }
        phases.end(TaskPhase.FINISHED, chain.sourceRecords(), sinkRecords(), null);
        var finalState = chain.finalKeyedState();
        chain.close();
        spec.master().tell(new TaskFinished(spec.attempt(), key, finalState, chain.sourceRecords(), sinkRecords(),
                router.recordsSent()));
        return Behaviors.stopped();
    }

    // ---------------------------------------------------------------- every phase

    private Behavior<TaskCommand> decline(TriggerCheckpoint trigger, String reason) {
        spec.coordinator().tell(new Decline(spec.attempt(), trigger.checkpointId(), chain.id(0), reason));
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onDescribe(DescribeTask describe) {
        describe.replyTo().tell(history.actor() + " attempt " + spec.attempt() + ": phase="
                + phases.current().displayName() + (source == null ? "" : " source=" + source.state())
                + " backpressured=" + (router != null && router.isBackpressured()) + " queues=" + gate.describeQueues()
                + (checkpointer == null ? "" : " " + checkpointer.describe()) + " records=" + chain.recordsProcessed());
        return Behaviors.same();
    }

    private Behavior<TaskCommand> onStopGracefully(StopGracefully stop) {
        phases.end(TaskPhase.STOPPED, chain.sourceRecords(), sinkRecords(), null);
        chain.close();
        spec.master().tell(new TaskStopped(stop.attempt(), key));
        return Behaviors.stopped();
    }

    private Behavior<TaskCommand> fail(Throwable t) {
        int faultIndex = t instanceof InjectedFault f ? f.faultIndex() : -1;
        String message = t instanceof TaskFailure || t instanceof InjectedFault ? t.getMessage()
                : "task " + history.actor() + " failed: " + t;
        if (t instanceof InjectedFault f) {
            faults.recordFired(f);
        }
        phases.end(TaskPhase.FAILED, chain.sourceRecords(), sinkRecords(), message);
        spec.master().tell(new TaskFailed(spec.attempt(), key, message, faultIndex));
        return Behaviors.stopped();
    }

    /** Stopped by the master (a failover or a cancel) unless it ended already; its resources go either way. */
    private Behavior<TaskCommand> onPostStop() {
        phases.end(TaskPhase.CANCELLED, chain.sourceRecords(), sinkRecords(), null);
        chain.close();
        return Behaviors.same();
    }

    private long sinkRecords() {
        return router != null && router.channels().isEmpty() ? chain.lastOperatorRecords() : 0;
    }

    /** The gate hands records to the chain's head, stops for backpressure, and passes savepoint folders on. */
    private final class GateConsumer implements InputGate.Consumer {
        @Override
        public void processRecord(int input, Object record) throws Exception {
            chain.processHead(input, record);
        }

        @Override
        public boolean isBackpressured() {
            return router.isBackpressured();
        }

        @Override
        public void savepointBarrier(long checkpointId, String folder) {
            checkpointer.savepointBarrier(checkpointId, folder);
        }
    }
}
