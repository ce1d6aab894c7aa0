package io.snapsim.runtime.task;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.backend.BackendSpec;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.ClaimMode;
import io.snapsim.core.backend.KeyedSnapshot;
import io.snapsim.core.backend.SnapshotTarget;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.barrier.AbortReason;
import io.snapsim.core.barrier.BarrierHandler;
import io.snapsim.core.barrier.BarrierHandlers;
import io.snapsim.core.barrier.CheckpointController;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import io.snapsim.core.operators.OperatorContext;
import io.snapsim.core.operators.OperatorEvents;
import io.snapsim.core.operators.Output;
import io.snapsim.core.operators.SourceOperator;
import io.snapsim.core.operators.StreamOperator;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.core.storage.StateHandle;
import io.snapsim.core.storage.StateReader;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane.Credit;
import io.snapsim.runtime.protocol.DataPlane.DataBatch;
import io.snapsim.runtime.protocol.DataPlane.Event;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.FinishInput;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyAborted;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.DescribeTask;
import io.snapsim.runtime.protocol.TaskLifecycle.OutputTarget;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.StopGracefully;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import io.snapsim.runtime.protocol.TaskLifecycle.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one subtask of a chain of operators. It owns the input queues (one per channel), the
 * barrier handler that decides which channels are blocked and when to snapshot, the operators with
 * their keyed state, and the output channels with their credits. Records are processed only from
 * channels the barrier handler has not blocked and only while no output waits for credit, so
 * alignment and backpressure are real. Any exception fails the task and is reported to the job
 * master, which restarts the job.
 */
public final class TaskActor extends AbstractBehavior<TaskCommand> {

    private record Continue() implements TaskCommand.Internal {
    }

    /** Time to send what a delayed or stalled output channel holds. */
    private record ReleaseChannel(int outputChannel) implements TaskCommand.Internal {
    }

    /** A crash planned for a time of the job's clock. */
    private record TimedCrash(int faultIndex) implements TaskCommand.Internal {
    }

    /** The asynchronous part of a snapshot ended; {@code keyedHandles[i]} is operator i's keyed state, if any. */
    private record SnapshotWritten(long checkpointId, Map<SubtaskId, SubtaskStateSnapshot> states,
                                   SubtaskCheckpointMetrics metrics, StateHandle[] keyedHandles,
                                   Throwable failure) implements TaskCommand.Internal {
    }

    private static final int SOURCE_CHUNK_BATCHES = 4;

    private final TaskSpec spec;
    private final org.apache.pekko.actor.typed.javadsl.TimerScheduler<TaskCommand> timers;
    /** Slow writes already applied (fault indexes), so a re-delivered acknowledgement is not delayed twice. */
    private final java.util.Set<Integer> slowWritesApplied = new java.util.HashSet<>();
    /** Savepoint folders by checkpoint id, learnt from the trigger (sources) or the first barrier. */
    private final java.util.TreeMap<Long, String> savepointTargets = new java.util.TreeMap<>();
    private final List<ResolvedNode> chain;
    private final StreamOperator[] operators;
    private final CheckpointableKeyedStateBackend[] backends;
    private final long[] recordsIn;
    /** Records delivered on each input channel in this attempt: a channel's side of a cut at its barrier. */
    private final long[] recordsPerChannel;
    private final long[] crashAt;
    private final int[] crashFault;
    private final ArrayDeque<TaskCommand>[] inputQueues;
    private final boolean[] channelEnded;
    private final SubtaskId[] ids;
    private final TaskKey taskKey;
    /** The name events carry: the chain's operators and the subtask, e.g. "source->tokenizer#1". */
    private final String actorName;
    private BarrierHandler barrierHandler;
    private RecordRouter router;
    private ActorRef<TaskCommand>[] inputSenders;
    private int[] inputSenderChannel;
    private boolean started;
    private boolean sourceExhausted;
    private boolean continueScheduled;
    private boolean inputsEnded;
    private boolean finished;
    private int endedChannels;
    private int nextChannel;
    /** Whether this task's {@code task-ended} event (with its record counts) is written already. */
    private boolean endRecorded;
    private long lastSnapshotId = -1;
    private long lastCompletedId = -1;
    private long alignmentStartNanos;
    private long firstBarrierMillis;

    @SuppressWarnings("unchecked")
    private TaskActor(ActorContext<TaskCommand> context, org.apache.pekko.actor.typed.javadsl.TimerScheduler<TaskCommand> timers,
                      TaskSpec spec) {
        super(context);
        this.timers = timers;
        this.spec = spec;
        this.chain = spec.vertex().chain();
        int n = chain.size();
        this.operators = new StreamOperator[n];
        this.backends = new CheckpointableKeyedStateBackend[n];
        this.recordsIn = new long[n];
        this.crashAt = new long[n];
        this.crashFault = new int[n];
        this.ids = new SubtaskId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = new SubtaskId(chain.get(i).uid(), spec.subtask());
        }
        int channels = spec.numberOfInputChannels();
        this.inputQueues = new ArrayDeque[channels];
        for (int c = 0; c < channels; c++) {
            inputQueues[c] = new ArrayDeque<>();
        }
        this.channelEnded = new boolean[channels];
        this.recordsPerChannel = new long[channels];
        this.taskKey = new TaskKey(spec.vertex().id(), spec.subtask());
        this.actorName = spec.vertex().name() + "#" + spec.subtask();
    }

    public static Behavior<TaskCommand> create(TaskSpec spec) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new TaskActor(ctx, timers, spec)));
    }

    @Override
    public Receive<TaskCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wire.class, this::onWire)
                .onMessage(Start.class, this::onStart)
                .onMessage(DataBatch.class, this::onData)
                .onMessage(Event.class, this::onEvent)
                .onMessage(Credit.class, this::onCredit)
                .onMessage(Continue.class, this::onContinue)
                .onMessage(TriggerCheckpoint.class, this::onTriggerCheckpoint)
                .onMessage(NotifyComplete.class, this::onNotifyComplete)
                .onMessage(NotifyAborted.class, this::onNotifyAborted)
                .onMessage(FinishInput.class, this::onFinishInput)
                .onMessage(SnapshotWritten.class, this::onSnapshotWritten)
                .onMessage(DescribeTask.class, this::onDescribe)
                .onMessage(ReleaseChannel.class, this::onReleaseChannel)
                .onMessage(TimedCrash.class, this::onTimedCrash)
                .onMessage(StopGracefully.class, this::onStopGracefully)
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    // ---------------------------------------------------------------- set-up

    @SuppressWarnings("unchecked")
    private Behavior<TaskCommand> onWire(Wire wire) {
        List<RecordRouter.Route> routes = new ArrayList<>();
        List<io.snapsim.runtime.plan.JobPlan.Edge> outEdges = outputEdges();
        int flatChannels = 0;
        for (int e = 0; e < wire.outputsByEdge().size(); e++) {
            List<OutputTarget> targets = wire.outputsByEdge().get(e);
            OutputChannel[] channels = new OutputChannel[targets.size()];
            var edge = outEdges.get(e);
            io.snapsim.runtime.fault.ChannelFault fault = channelFaultFor(edge);
            for (int t = 0; t < targets.size(); t++) {
                int flatIndex = flatChannels++;
                ChannelFaultState state = fault == null ? null : new ChannelFaultState(fault, spec.services().clock(),
                        delay -> timers.startSingleTimer("release-" + flatIndex, new ReleaseChannel(flatIndex),
                                java.time.Duration.ofMillis(delay)),
                        () -> record(new FaultInjected(now(), actorName, spec.attempt(), fault.faultIndex(),
                                "network." + fault.kind().name().toLowerCase(), actorName + " output " + flatIndex, null,
                                null, "network " + fault.kind().name().toLowerCase() + " in effect on the channel from "
                                + actorName + " (output " + flatIndex + ")")));
                channels[t] = new OutputChannel(targets.get(t).target(), targets.get(t).channelAtTarget(),
                        spec.batchSize(), spec.credits(), state);
            }
            routes.add(new RecordRouter.Route(edge.partitioning(),
                    (io.snapsim.core.api.functions.KeySelector<Object, Object>) edge.keySelector(),
                    targetMaxParallelism(edge), channels));
        }
        router = new RecordRouter(routes);
        inputSenders = new ActorRef[wire.inputs().size()];
        inputSenderChannel = new int[wire.inputs().size()];
        for (int c = 0; c < wire.inputs().size(); c++) {
            inputSenders[c] = wire.inputs().get(c).sender();
            inputSenderChannel[c] = wire.inputs().get(c).outputChannelAtSender();
        }
        return this;
    }

    /** The network fault on channels of this edge: from an operator of this chain to one of the target's chain. */
    private io.snapsim.runtime.fault.ChannelFault channelFaultFor(io.snapsim.runtime.plan.JobPlan.Edge edge) {
        var targetChain = spec.plan().vertex(edge.to()).chain();
        for (io.snapsim.runtime.fault.ChannelFault f : spec.channelFaults()) {
            boolean fromHere = chain.stream().anyMatch(n -> n.uid().equals(f.from()));
            boolean toThere = targetChain.stream().anyMatch(n -> n.uid().equals(f.to()));
            if (fromHere && toThere) {
                return f;
            }
        }
        return null;
    }

    private Behavior<TaskCommand> onReleaseChannel(ReleaseChannel release) {
        return guarded(() -> {
            router.channels().get(release.outputChannel()).releaseDue();
            if (inputsEnded) {
                maybeFinish();
            }
        });
    }

    private Behavior<TaskCommand> onStopGracefully(StopGracefully stop) {
        recordEnded(TaskPhase.STOPPED, null);
        closeOperators();
        spec.master().tell(new TaskStopped(stop.attempt(), taskKey));
        return Behaviors.stopped();
    }

    private Behavior<TaskCommand> onTimedCrash(TimedCrash crash) {
        return fail(InjectedFault.crash(crash.faultIndex(), "injected crash of " + actorName + " at time "
                + spec.services().clock().millis() + " ms"));
    }

    private List<io.snapsim.runtime.plan.JobPlan.Edge> outputEdges() {
        return spec.plan().outputsOf(spec.vertex().id());
    }

    private int targetMaxParallelism(io.snapsim.runtime.plan.JobPlan.Edge edge) {
        return spec.plan().vertex(edge.to()).maxParallelism();
    }

    private Behavior<TaskCommand> onStart(Start start) {
        return guarded(() -> {
            setUpOperators();
            started = true;
            for (ArmedFault f : spec.faults()) {
                if (f.kind() == ArmedFault.Kind.CRASH && f.atTime() > 0) {
                    long delay = Math.max(0, f.atTime() - spec.services().clock().millis());
                    timers.startSingleTimer("crash-" + f.faultIndex(), new TimedCrash(f.faultIndex()),
                            java.time.Duration.ofMillis(delay));
                }
            }
            if (spec.numberOfInputChannels() == 0) {
                scheduleContinue();
            } else {
                drain();
            }
        });
    }

    private void setUpOperators() throws Exception {
        int n = chain.size();
        for (ArmedFault f : spec.faults()) {
            for (int i = 0; i < n; i++) {
                boolean here = chain.get(i).uid().equals(f.operatorUid()) && f.subtask() == spec.subtask();
                // several crashes of one operator fire in record order, one per attempt
                if (here && f.kind() == ArmedFault.Kind.CRASH && f.atRecord() > 0
                        && (crashAt[i] == 0 || f.atRecord() < crashAt[i])) {
                    crashAt[i] = f.atRecord();
                    crashFault[i] = f.faultIndex();
                }
            }
        }
        Output network = router;
        for (int i = n - 1; i >= 0; i--) {
            ResolvedNode node = chain.get(i);
            StreamOperator op = node.factory().create();
            operators[i] = op;
            Output out = i == n - 1 ? network : new ChainedOutput(i + 1);
            if (i == 0 && node.isSource()) {
                out = new SourceOutput(out);
            }
            CheckpointableKeyedStateBackend backend = null;
            if (op.isKeyed()) {
                KeyGroupRange range = KeyGroups.rangeForSubtask(node.maxParallelism(), node.parallelism(), spec.subtask());
                backend = StateBackends.factory(spec.stateBackend()).create(new BackendSpec(spec.jobId(), node.uid(),
                        spec.subtask(), spec.attempt(), range, node.maxParallelism(), spec.incrementalCheckpoints()));
            }
            backends[i] = backend;
            op.setup(new OperatorContext(node.uid(), spec.subtask(), node.parallelism(), node.maxParallelism(),
                    spec.attempt(), backend, out, event -> record(event.apply(new OperatorEvents.Stamp(now(), actorName,
                    spec.attempt())))));
        }
        restoreState();
        for (StreamOperator op : operators) {
            op.open();
        }
        if (spec.numberOfInputChannels() > 0) {
            barrierHandler = spec.mode() == CheckpointingMode.AT_LEAST_ONCE
                    ? BarrierHandlers.atLeastOnce(spec.numberOfInputChannels(), new Controller())
                    : BarrierHandlers.aligned(spec.numberOfInputChannels(), new Controller());
        }
    }

    private void restoreState() throws Exception {
        TaskRestore restore = spec.restore();
        if (restore == null) {
            return;
        }
        SnapshotTree snapshot = restore.snapshot();
        for (int i = 0; i < chain.size(); i++) {
            TaskRestore.OperatorRestore r = restore.operators().get(chain.get(i).uid());
            if (r == null) {
                continue;
            }
            if (backends[i] != null && !r.keyedState().isEmpty()) {
                if (r.keyedState().get(0) instanceof StateHandle.Native nativeHandle) {
                    restoreNative(i, nativeHandle, r.keyedState().size(), snapshot, restore.checkpointId());
                } else {
                    List<byte[]> snapshots = new ArrayList<>();
                    for (StateHandle h : r.keyedState()) {
                        snapshots.add(StateReader.read(h, snapshot));
                    }
                    backends[i].restore(snapshots);
                }
            }
            if (r.operatorState() != null) {
                if (r.externalLocation() != null) {
                    operators[i].restoreExternalLocation(Path.of(r.externalLocation()));
                }
                operators[i].restoreOperatorState(StateReader.read(r.operatorState(), snapshot));
            }
            if (operators[i] instanceof SourceOperator source) {
                source.restorePositions(r.sourcePositions());
            }
        }
        lastCompletedId = restore.checkpointId();
    }

    /**
     * Rebuilds operator {@code i}'s keyed state from a snapshot in its backend's native format: files
     * in the checkpoint's folder and the {@code shared/} folder next to it. A checkpoint
     * of this very job is claimed (the next incremental checkpoint reuses its shared files, which this
     * job's coordinator owns); one of another job is only read (its files are never referenced).
     */
    private void restoreNative(int i, StateHandle.Native handle, int handles, SnapshotTree snapshot, long checkpointId) {
        if (!handle.format().equals(backends[i].nativeFormat())) {
            throw new TaskFailure("checkpoint " + checkpointId + " holds the state of " + ids[i]
                    + " in the native format '" + handle.format() + "', which the "
                    + spec.stateBackend().spellings().get(0) + " state backend this job uses does not read");
        }
        if (handles != 1) {
            throw new TaskFailure("checkpoint " + checkpointId + " would give " + ids[i] + " " + handles
                    + " native snapshots; a checkpoint cannot be rescaled: take a savepoint");
        }
        Path jobDirectory = snapshot.folder().getParent();
        boolean ownJob = spec.storage() != null
                && jobDirectory.equals(spec.storage().jobDirectory().toAbsolutePath().normalize());
        backends[i].restoreNative(handle, snapshot, ownJob ? ClaimMode.CLAIM : ClaimMode.NO_CLAIM);
    }

    // ---------------------------------------------------------------- input

    private Behavior<TaskCommand> onData(DataBatch batch) {
        inputQueues[batch.channel()].addLast(batch);
        return started ? guarded(this::drain) : this;
    }

    private Behavior<TaskCommand> onEvent(Event event) {
        inputQueues[event.channel()].addLast(event);
        return started ? guarded(this::drain) : this;
    }

    private Behavior<TaskCommand> onCredit(Credit credit) {
        return guarded(() -> {
            router.channels().get(credit.outputChannel()).grant(credit.credits());
            if (!started || router.isBackpressured()) {
                return;
            }
            if (inputsEnded) {
                maybeFinish();
                return;
            }
            if (spec.numberOfInputChannels() == 0) {
                scheduleContinue();
            } else {
                drain();
            }
        });
    }

    /** Processes queued input from unblocked channels until input runs out or an output waits for credit. */
    private void drain() throws Exception {
        while (!inputsEnded && !router.isBackpressured()) {
            int channel = nextReadableChannel();
            if (channel < 0) {
                break;
            }
            TaskCommand item = inputQueues[channel].pollFirst();
            if (item instanceof DataBatch batch) {
                int input = spec.inputOfChannel()[channel];
                Object[] records = batch.records();
                for (int r = 0; r < batch.count(); r++) {
                    processHead(input, records[r]);
                }
                recordsPerChannel[channel] += batch.count();
                inputSenders[channel].tell(new Credit(inputSenderChannel[channel], 1));
            } else if (item instanceof Event event) {
                handleEvent(channel, event.event());
            }
        }
        router.flush();
    }

    private int nextReadableChannel() {
        int channels = inputQueues.length;
        for (int k = 0; k < channels; k++) {
            int c = (nextChannel + k) % channels;
            if (!inputQueues[c].isEmpty() && !barrierHandler.isBlocked(c)) {
                nextChannel = (c + 1) % channels;
                return c;
            }
        }
        return -1;
    }

    private void processHead(int input, Object record) throws Exception {
        long count = ++recordsIn[0];
        if (count == crashAt[0]) {
            throw crash(0);
        }
        CheckpointableKeyedStateBackend backend = backends[0];
        StreamOperator head = operators[0];
        if (backend != null) {
            backend.setCurrentKey(head.keyOf(input, record));
        }
        head.processElement(input, record);
    }

    private void handleEvent(int channel, ChannelEvent event) throws Exception {
        if (event instanceof ChannelEvent.Barrier b) {
            record(new TaskEvents.BarrierReceived(now(), actorName, spec.attempt(), b.checkpointId(), channel,
                    recordsPerChannel[channel]));
            if (b.savepointDir() != null) {
                savepointTargets.put(b.checkpointId(), b.savepointDir());
            }
            barrierHandler.processBarrier(channel, b.checkpointId(), b.timestamp());
        } else if (event instanceof ChannelEvent.CancelMarker m) {
            record(new TaskEvents.CancelMarkerReceived(now(), actorName, spec.attempt(), m.checkpointId(), channel));
            barrierHandler.processCancellationMarker(channel, m.checkpointId());
        } else if (event instanceof ChannelEvent.EndOfPartition) {
            record(new TaskEvents.EndOfPartitionReceived(now(), actorName, spec.attempt(), channel));
            channelEnded[channel] = true;
            endedChannels++;
            barrierHandler.processEndOfPartition(channel);
            if (endedChannels == inputQueues.length) {
                endOfAllInputs();
            }
        }
    }

    // ---------------------------------------------------------------- sources

    private Behavior<TaskCommand> onContinue(Continue c) {
        continueScheduled = false;
        return guarded(() -> {
            if (sourceExhausted || router.isBackpressured()) {
                return;
            }
            SourceOperator source = (SourceOperator) operators[0];
            int chunk = spec.batchSize() * SOURCE_CHUNK_BATCHES;
            int emitted = source.emit(chunk);
            if (emitted < chunk) {
                router.flush();
                sourceExhausted = true;
                record(new TaskEvents.SourceExhausted(now(), actorName, spec.attempt(), recordsIn[0]));
                if (spec.checkpointing()) {
                    spec.coordinator().tell(new SourceExhausted(spec.attempt(), taskKey));
                } else {
                    endOfAllInputs();
                }
            } else if (!router.isBackpressured()) {
                scheduleContinue();
            }
        });
    }

    private void scheduleContinue() {
        if (!continueScheduled && !sourceExhausted) {
            continueScheduled = true;
            getContext().getSelf().tell(new Continue());
        }
    }

    private Behavior<TaskCommand> onTriggerCheckpoint(TriggerCheckpoint trigger) {
        return guarded(() -> {
            if (!started || inputsEnded) {
                spec.coordinator().tell(new Decline(spec.attempt(), trigger.checkpointId(),
                        ids[0], started ? "source already finished" : "task not running"));
                return;
            }
            firstBarrierMillis = spec.services().clock().millis();
            alignmentStartNanos = spec.services().clock().nanos();
            if (trigger.savepointDir() != null) {
                savepointTargets.put(trigger.checkpointId(), trigger.savepointDir());
            }
            performCheckpoint(trigger.checkpointId(), trigger.timestamp());
        });
    }

    private Behavior<TaskCommand> onFinishInput(FinishInput finish) {
        return guarded(this::endOfAllInputs);
    }

    // ---------------------------------------------------------------- checkpoints

    /** The barrier handler's way back into the task. */
    private final class Controller implements CheckpointController {
        @Override
        public void alignmentStarted(long checkpointId) {
            record(new TaskEvents.AlignmentStarted(now(), actorName, spec.attempt(), checkpointId));
            alignmentStartNanos = spec.services().clock().nanos();
            firstBarrierMillis = spec.services().clock().millis();
        }

        @Override
        public void triggerCheckpoint(long checkpointId, long timestamp) {
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
            record(new TaskEvents.AlignmentAborted(now(), actorName, spec.attempt(), checkpointId, reason.name()));
            firstBarrierMillis = 0;
            router.broadcast(new ChannelEvent.CancelMarker(checkpointId));
            if (reason != AbortReason.ABORTED_BY_COORDINATOR) {
                spec.coordinator().tell(new Decline(spec.attempt(), checkpointId, ids[0],
                        "alignment aborted: " + reason));
            }
        }
    }

    private void performCheckpoint(long checkpointId, long timestamp) throws Exception {
        crashIfPlanned(checkpointId, io.snapsim.core.sim.Faults.CheckpointPhase.BEFORE_SNAPSHOT,
                " while snapshotting checkpoint ");
        ArmedFault failWrite = plannedFault(ArmedFault.Kind.FAIL_WRITE, checkpointId);
        long now = spec.services().clock().millis();
        long syncStart = spec.services().clock().nanos();
        long alignmentMs = (syncStart - alignmentStartNanos) / 1_000_000;
        long startDelay = Math.max(0, firstBarrierMillis - timestamp);
        firstBarrierMillis = 0;
        int n = chain.size();
        String savepointDir = savepointTargets.remove(checkpointId);
        savepointTargets.headMap(checkpointId).clear(); // targets of checkpoints that were aborted
        SnapshotKind kind = savepointDir == null ? SnapshotKind.CHECKPOINT : SnapshotKind.SAVEPOINT;
        KeyedSnapshot[] keyed = new KeyedSnapshot[n];
        byte[][] operatorState = new byte[n][];
        List<Map<String, Long>> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (backends[i] != null) {
                keyed[i] = backends[i].snapshotFor(checkpointId, kind);
            }
            operatorState[i] = operators[i].snapshotOperatorState(checkpointId);
            positions.add(operators[i] instanceof SourceOperator s ? s.positions() : Map.of());
        }
        router.broadcast(new ChannelEvent.Barrier(checkpointId, timestamp, savepointDir));
        lastSnapshotId = checkpointId;
        record(new TaskEvents.Snapshot(now(), actorName, spec.attempt(), checkpointId,
                java.util.Arrays.stream(recordsIn).boxed().toList(), sourcePositions(positions)));
        crashIfPlanned(checkpointId, io.snapsim.core.sim.Faults.CheckpointPhase.AFTER_SNAPSHOT,
                " after its snapshot of checkpoint ");
        long syncMs = (spec.services().clock().nanos() - syncStart) / 1_000_000;
        var storage = spec.storage();
        var clock = spec.services().clock();
        CompletableFuture<SnapshotWritten> write = CompletableFuture.supplyAsync(() -> {
            long asyncStart = clock.nanos();
            if (failWrite != null) {
                for (KeyedSnapshot snapshot : keyed) {
                    if (snapshot != null) {
                        snapshot.discard();
                    }
                }
                throw new java.io.UncheckedIOException(new java.io.IOException("injected storage failure (fault "
                        + failWrite.faultIndex() + ") writing the state of checkpoint " + checkpointId));
            }
            // a savepoint is self-contained and relocatable: its state goes into its own folder, relative
            Path dir = savepointDir != null ? Path.of(savepointDir) : storage.checkpointDirectory(checkpointId);
            Map<SubtaskId, SubtaskStateSnapshot> states = new LinkedHashMap<>();
            StateHandle[] keyedHandles = new StateHandle[n];
            long size = 0;
            for (int i = 0; i < n; i++) {
                ResolvedNode node = chain.get(i);
                SnapshotTarget target = new SnapshotTarget(storage, checkpointId, kind, dir, node.uid() + "-" + spec.subtask());
                StateHandle k;
                StateHandle o;
                try {
                    k = keyed[i] == null ? null : keyed[i].write(target);
                    keyedHandles[i] = k;
                    o = operatorState[i] == null ? null : target.writeState("operator", operatorState[i]);
                } catch (RuntimeException e) {
                    for (int j = i + 1; j < n; j++) { // the failing write discarded its own local files
                        if (keyed[j] != null) {
                            keyed[j].discard();
                        }
                    }
                    throw e;
                }
                KeyGroupRange range = backends[i] == null ? KeyGroupRange.EMPTY : backends[i].keyGroupRange();
                Path location = operators[i].externalLocation();
                SubtaskStateSnapshot s = new SubtaskStateSnapshot(spec.subtask(), range, k, o, positions.get(i),
                        location == null ? null : location.toString());
                size += s.checkpointedSize();
                states.put(ids[i], s);
            }
            long asyncMs = (clock.nanos() - asyncStart) / 1_000_000;
            return new SnapshotWritten(checkpointId, states,
                    new SubtaskCheckpointMetrics(alignmentMs, startDelay, syncMs, asyncMs, size), keyedHandles, null);
        }, spec.services().ioExecutor());
        getContext().pipeToSelf(write, (ok, err) -> err == null ? ok
                : new SnapshotWritten(checkpointId, Map.of(), null, null, err));
    }

    private Behavior<TaskCommand> onSnapshotWritten(SnapshotWritten written) {
        if (written.failure() != null) {
            ArmedFault failWrite = plannedFault(ArmedFault.Kind.FAIL_WRITE, written.checkpointId());
            if (failWrite != null) {
                record(new FaultInjected(now(), actorName, spec.attempt(), failWrite.faultIndex(), "storage.fail-write",
                        actorName, null, written.checkpointId(), "injected failure writing the state of " + actorName
                        + " for checkpoint " + written.checkpointId()));
            }
            record(new TaskEvents.SnapshotWriteFailed(now(), actorName, spec.attempt(), written.checkpointId(),
                    rootMessage(written.failure())));
            spec.coordinator().tell(new Decline(spec.attempt(), written.checkpointId(),
                    ids[0], "writing state failed: " + rootMessage(written.failure())));
        } else {
            ArmedFault slow = plannedFault(ArmedFault.Kind.SLOW_WRITE, written.checkpointId());
            if (slow != null && slowWritesApplied.add(slow.faultIndex())) {
                record(new FaultInjected(now(), actorName, spec.attempt(), slow.faultIndex(), "storage.slow-write",
                        actorName, null, written.checkpointId(), "slow write of the state of " + actorName
                        + " for checkpoint " + written.checkpointId() + ": +" + slow.delay() + " ms"));
                timers.startSingleTimer("slow-" + slow.faultIndex(), written, java.time.Duration.ofMillis(slow.delay()));
                return this;
            }
            if (written.keyedHandles() != null) {
                for (int i = 0; i < chain.size(); i++) {
                    if (written.keyedHandles()[i] != null) {
                        backends[i].snapshotWritten(written.checkpointId(), written.keyedHandles()[i]);
                    }
                }
            }
            SubtaskCheckpointMetrics m = written.metrics();
            SortedMap<String, Long> sizes = new TreeMap<>();
            written.states().forEach((id, state) -> sizes.put(id.operatorId(), state.checkpointedSize()));
            record(new TaskEvents.Acknowledged(now(), actorName, spec.attempt(), written.checkpointId(), spec.subtask(),
                    sizes, written.states().values().stream().mapToLong(SubtaskStateSnapshot::stateSize).sum(),
                    m.alignmentDurationMs(), m.startDelayMs(), m.syncDurationMs(), m.asyncDurationMs()));
            spec.coordinator().tell(new Acknowledge(spec.attempt(), written.checkpointId(),
                    written.states(), written.metrics()));
            return guarded(() -> crashIfPlanned(written.checkpointId(),
                    io.snapsim.core.sim.Faults.CheckpointPhase.AFTER_ACK, " after acknowledging checkpoint "));
        }
        return this;
    }

    /** Throws the planned crash of this subtask at {@code phase} of checkpoint {@code checkpointId}, if any. */
    private void crashIfPlanned(long checkpointId, io.snapsim.core.sim.Faults.CheckpointPhase phase, String where) {
        for (ArmedFault f : spec.faults()) {
            if (f.isCrashAt(checkpointId, phase) && f.subtask() == spec.subtask()) {
                for (int i = 0; i < chain.size(); i++) {
                    if (chain.get(i).uid().equals(f.operatorUid())) {
                        throw new InjectedFault(f.faultIndex(), "crash", phase.name().toLowerCase().replace('_', '-'),
                                checkpointId,
                                "injected crash of " + ids[i] + where + checkpointId);
                    }
                }
            }
        }
    }

    /** The planned fault of {@code kind} for checkpoint {@code checkpointId} in this task, or null. */
    private ArmedFault plannedFault(ArmedFault.Kind kind, long checkpointId) {
        for (ArmedFault f : spec.faults()) {
            if (f.kind() == kind && f.atCheckpoint() == checkpointId && f.subtask() == spec.subtask()) {
                return f;
            }
        }
        return null;
    }

    private Behavior<TaskCommand> onNotifyComplete(NotifyComplete notify) {
        return guarded(() -> {
            if (!started) {
                return;
            }
            for (ArmedFault f : spec.faults()) {
                if (f.kind() == ArmedFault.Kind.SINK_COMMIT_FAIL && f.atCheckpoint() <= notify.checkpointId()
                        && f.atCheckpoint() > lastCompletedId && f.subtask() == spec.subtask()) {
                    throw new InjectedFault(f.faultIndex(), "sink-commit-fails", null, notify.checkpointId(), "injected failure of "
                            + f.operatorUid() + "#" + spec.subtask() + " committing checkpoint " + notify.checkpointId());
                }
            }
            lastCompletedId = Math.max(lastCompletedId, notify.checkpointId());
            record(new TaskEvents.CompleteNotified(now(), actorName, spec.attempt(), notify.checkpointId()));
            for (CheckpointableKeyedStateBackend backend : backends) {
                if (backend != null) {
                    backend.notifyCheckpointComplete(notify.checkpointId()); // its files become reusable
                }
            }
            for (StreamOperator op : operators) {
                op.notifyCheckpointComplete(notify.checkpointId());
            }
            maybeFinish();
        });
    }

    private Behavior<TaskCommand> onNotifyAborted(NotifyAborted notify) {
        return guarded(() -> {
            if (!started) {
                return;
            }
            record(new TaskEvents.AbortNotified(now(), actorName, spec.attempt(), notify.checkpointId()));
            for (CheckpointableKeyedStateBackend backend : backends) {
                if (backend != null) {
                    backend.notifyCheckpointAborted(notify.checkpointId());
                }
            }
            if (barrierHandler != null) {
                barrierHandler.abortCheckpoint(notify.checkpointId());
            }
            for (StreamOperator op : operators) {
                op.notifyCheckpointAborted(notify.checkpointId());
            }
            if (spec.numberOfInputChannels() > 0) {
                drain();
            }
        });
    }

    // ---------------------------------------------------------------- end of input

    private void endOfAllInputs() throws Exception {
        if (inputsEnded) {
            return;
        }
        inputsEnded = true;
        record(new TaskEvents.EndOfInput(now(), actorName, spec.attempt()));
        for (StreamOperator op : operators) {
            op.endInput(spec.checkpointing());
        }
        router.broadcast(new ChannelEvent.EndOfPartition());
        maybeFinish();
    }

    /** Finishes once all input ended and the last snapshot's checkpoint is known complete (so sinks committed). */
    private void maybeFinish() throws Exception {
        if (!inputsEnded || finished) {
            return;
        }
        if (spec.checkpointing() && lastSnapshotId > lastCompletedId) {
            return;
        }
        if (router.isBackpressured() || router.isHolding()) {
            return; // records and the end-of-partition event still wait for credit or a delayed channel
        }
        finished = true;
        recordEnded(TaskPhase.FINISHED, null);
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalState = new TreeMap<>();
        for (int i = 0; i < chain.size(); i++) {
            if (backends[i] != null) {
                finalState.put(chain.get(i).uid(), backends[i].contents());
            }
        }
        closeOperators();
        long out = router.recordsSent();
        long sinkRecords = 0;
        if (router.channels().isEmpty()) {
            sinkRecords = recordsIn[chain.size() - 1];
        }
        spec.master().tell(new TaskFinished(spec.attempt(), taskKey, finalState,
                chain.get(0).isSource() ? recordsIn[0] : 0, sinkRecords, out));
    }

    private Behavior<TaskCommand> onDescribe(DescribeTask describe) {
        StringBuilder queued = new StringBuilder();
        for (int c = 0; c < inputQueues.length; c++) {
            queued.append(c == 0 ? "" : ",").append(inputQueues[c].size()).append(channelEnded[c] ? "e" : "")
                    .append(barrierHandler != null && barrierHandler.isBlocked(c) ? "b" : "");
        }
        describe.replyTo().tell(spec.vertex().name() + "#" + spec.subtask() + " attempt " + spec.attempt()
                + ": started=" + started + " sourceExhausted=" + sourceExhausted + " inputsEnded=" + inputsEnded
                + " finished=" + finished + " backpressured=" + (router != null && router.isBackpressured())
                + " queues=[" + queued + "] lastSnapshot=" + lastSnapshotId + " lastCompleted=" + lastCompletedId
                + " records=" + java.util.Arrays.toString(recordsIn));
        return this;
    }

    // ---------------------------------------------------------------- failure and stop

    private interface Step {
        void run() throws Exception;
    }

    private Behavior<TaskCommand> guarded(Step step) {
        if (finished) {
            return Behaviors.stopped();
        }
        try {
            step.run();
        } catch (Throwable t) {
            return fail(t);
        }
        return finished ? Behaviors.stopped() : this;
    }

    private Behavior<TaskCommand> fail(Throwable t) {
        int faultIndex = t instanceof InjectedFault f ? f.faultIndex() : -1;
        String message = t instanceof TaskFailure ? t.getMessage()
                : "task " + spec.vertex().name() + "#" + spec.subtask() + " failed: " + t;
        if (t instanceof InjectedFault f) {
            record(f.event(now(), actorName, spec.attempt()));
        }
        recordEnded(TaskPhase.FAILED, message);
        spec.master().tell(new TaskFailed(spec.attempt(), taskKey, message, faultIndex));
        return Behaviors.stopped();
    }

    private Behavior<TaskCommand> onPostStop() {
        recordEnded(TaskPhase.CANCELLED, null);
        closeOperators();
        return this;
    }

    /** Writes this task's one terminal life-cycle event: how it ended, and the records it read and wrote. */
    private void recordEnded(TaskPhase phase, String message) {
        if (endRecorded) {
            return;
        }
        endRecorded = true;
        long sourceRecords = chain.get(0).isSource() ? recordsIn[0] : 0;
        long sinkRecords = router != null && router.channels().isEmpty() ? recordsIn[chain.size() - 1] : 0;
        record(new TaskEvents.Lifecycle(now(), actorName, spec.attempt(), phase, sourceRecords, sinkRecords, message));
    }

    private void closeOperators() {
        for (CheckpointableKeyedStateBackend backend : backends) {
            if (backend != null) {
                try {
                    backend.close();
                } catch (RuntimeException ignored) {
                    // the instance directory is local scratch space
                }
            }
        }
        for (StreamOperator op : operators) {
            if (op != null) {
                try {
                    op.close();
                } catch (Exception ignored) {
                    // closing after a failure: the operator's files are aborted on restore
                }
            }
        }
    }

    private void record(HistoryEvent event) {
        spec.services().record(event);
    }

    private long now() {
        return spec.services().now();
    }

    /** The positions of the chain's sources, split to next record, merged (empty without a source). */
    private static java.util.SortedMap<String, Long> sourcePositions(List<Map<String, Long>> positions) {
        java.util.SortedMap<String, Long> merged = new TreeMap<>();
        positions.forEach(merged::putAll);
        return merged;
    }

    private InjectedFault crash(int position) {
        return InjectedFault.crash(crashFault[position], "injected crash of " + ids[position] + " at record "
                + recordsIn[position]);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c != c.getCause()) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** Feeds operator {@code index} of the chain. */
    private final class ChainedOutput implements Output {
        private final int index;

        ChainedOutput(int index) {
            this.index = index;
        }

        @Override
        public void emit(Object record) {
            long count = ++recordsIn[index];
            if (count == crashAt[index]) {
                throw crash(index);
            }
            try {
                operators[index].processElement(0, record);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new TaskFailure("operator " + ids[index] + " failed on record " + record + ": " + e.getMessage(), e);
            }
        }
    }

    /** Counts what a source emits (its "records processed") before passing it on. */
    private final class SourceOutput implements Output {
        private final Output next;

        SourceOutput(Output next) {
            this.next = next;
        }

        @Override
        public void emit(Object record) {
            long count = ++recordsIn[0];
            if (count == crashAt[0]) {
                throw crash(0);
            }
            next.emit(record);
        }
    }
}
