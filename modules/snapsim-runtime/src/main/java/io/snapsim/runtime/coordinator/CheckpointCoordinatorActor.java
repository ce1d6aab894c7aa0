package io.snapsim.runtime.coordinator;

import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.AbortedCheckpoint;
import io.snapsim.core.checkpoint.AckOutcome;
import io.snapsim.core.checkpoint.CheckpointCoordinatorConfig;
import io.snapsim.core.checkpoint.CheckpointCoordinatorCore;
import io.snapsim.core.checkpoint.CheckpointFailureReason;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.checkpoint.CompletionOutcome;
import io.snapsim.core.checkpoint.PendingCheckpoint;
import io.snapsim.core.checkpoint.SubtaskCheckpointMetrics;
import io.snapsim.core.checkpoint.SubtaskId;
import io.snapsim.core.checkpoint.TriggerDecision;
import io.snapsim.core.checkpoint.TriggerKind;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.core.storage.OperatorStateSnapshot;
import io.snapsim.core.storage.SnapshotKind;
import io.snapsim.core.storage.SubtaskStateSnapshot;
import io.snapsim.runtime.fault.CoordinatorFaultInjector;
import io.snapsim.runtime.fault.StorageFaultInjector;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointCompletedNotice;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointFailureLimitExceeded;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorReady;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import io.snapsim.runtime.protocol.MasterCoordination.RetainedCheckpoints;
import io.snapsim.runtime.protocol.MasterCoordination.SavepointCompleted;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.MasterCoordination.TriggerSavepoint;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskCoordination.Acknowledge;
import io.snapsim.runtime.protocol.TaskCoordination.Decline;
import io.snapsim.runtime.protocol.TaskCoordination.FinishInput;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyAborted;
import io.snapsim.runtime.protocol.TaskCoordination.NotifyComplete;
import io.snapsim.runtime.protocol.TaskCoordination.SourceExhausted;
import io.snapsim.runtime.protocol.TaskCoordination.TriggerCheckpoint;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.CheckpointEntry;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The checkpoint coordinator: triggers checkpoints on a timer at the sources, collects the
 * acknowledgements, writes {@code _metadata}, records completed checkpoints in the persistent
 * {@link CompletedCheckpointStore}, deletes subsumed ones, and tells every task when a checkpoint
 * completed or was aborted. All decisions are made by the pure {@link CheckpointCoordinatorCore};
 * this actor turns them into messages, timers and I/O.
 */
public final class CheckpointCoordinatorActor extends AbstractBehavior<CoordinatorCommand> {

    /** Static facts about one operator, for the metadata file. */
    public record OperatorInfo(String uid, String name, int parallelism, int maxParallelism) {
    }

    /**
     * @param core       timing and retention; null when checkpointing is off
     * @param retention  what happens to retained checkpoints when the job ends
     * @param jobId      the job's id
     * @param storage    the job's checkpoint storage; null when checkpointing is off
     * @param operators  every operator of the job, by uid
     * @param incarnation which coordinator of the job this is (1, then one more after each crash); named in its ready message
     * @param submittedAfterCheckpoint the id of the checkpoint or savepoint the job was submitted from, 0 if none:
     *                   as in Flink, the job's own checkpoint ids continue after it
     */
    public record Settings(CheckpointCoordinatorConfig core, ExternalizedCheckpointCleanup retention, String jobId,
                           FsCheckpointStorage storage, Map<String, OperatorInfo> operators,
                           List<io.snapsim.runtime.fault.CoordinatorFault> faults, java.nio.file.Path savepointsDirectory,
                           java.nio.file.Path claimedCheckpoint, int incarnation, long submittedAfterCheckpoint) {
    }

    private record Tick() implements CoordinatorCommand.Internal {
    }

    private record ExpireCheck(long checkpointId) implements CoordinatorCommand.Internal {
    }

    private record StoreLoaded(List<CheckpointEntry> entries, Throwable failure)
            implements CoordinatorCommand.Internal {
    }

    private record MetadataWritten(long checkpointId, String path, Throwable failure) implements CoordinatorCommand.Internal {
    }

    private record Stored(CompletionOutcome outcome, Throwable failure) implements CoordinatorCommand.Internal {
    }

    private static final Object TICK = "tick";

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ActorRef<List<CheckpointEntry>> castList(ActorRef ref) {
        return ref;
    }

    @SuppressWarnings("unchecked")
    private static List<CheckpointEntry> castEntries(List<?> entries) {
        return (List<CheckpointEntry>) entries;
    }

    private final Settings settings;
    private final RuntimeServices services;
    private final ActorRef<CompletedCheckpointStore.Command> store;
    private final ActorRef<MasterCommand> master;
    private final TimerScheduler<CoordinatorCommand> timers;
    private final ActorRef<Done> storedAdapter;
    /** Completions sent to the store, oldest first, waiting for its Done. */
    private final java.util.ArrayDeque<CompletionOutcome> awaitingStore = new java.util.ArrayDeque<>();
    private CheckpointCoordinatorCore core;
    private int attempt = -1;
    private boolean suspended = true;
    private boolean ended;
    private Map<TaskKey, ActorRef<TaskCommand>> tasks = Map.of();
    private Set<TaskKey> sources = Set.of();
    private final Set<TaskKey> exhaustedSources = new HashSet<>();
    /** Sources of a newer attempt that reported exhaustion before that attempt's Deployed arrived. */
    private final Map<Integer, Set<TaskKey>> earlyExhausted = new java.util.HashMap<>();
    /** Savepoints in progress: their folders, and whether the job stops when they complete. */
    private final Map<Long, java.nio.file.Path> savepointDirs = new java.util.HashMap<>();
    private final Set<Long> stopWithSavepoint = new HashSet<>();
    /** A claimed checkpoint not deleted yet (CLAIM mode), or null. */
    private java.nio.file.Path claimed;
    private long lastPeriodicTrigger = Long.MIN_VALUE / 2;
    /** The final checkpoint of this attempt completed: the sources are ending, no more triggers. */
    private boolean finalCompleted;
    /**
     * Checkpoints subsumed by a completion whose entry the store has not confirmed yet: their files
     * are deleted once it has, or when the job ends first (then no store entry needs them any more).
     */
    private final Set<Long> subsumedAwaitingStore = new java.util.TreeSet<>();
    /** Who may delete which file of {@code shared/} (incremental RocksDB checkpoints); null when checkpointing is off. */
    private final SharedStateTracker sharedState;
    private final CoordinatorFaultInjector crashes;
    private final StorageFaultInjector storageFaults;

    private CheckpointCoordinatorActor(ActorContext<CoordinatorCommand> context, TimerScheduler<CoordinatorCommand> timers, Settings settings,
                                       RuntimeServices services, ActorRef<CompletedCheckpointStore.Command> store,
                                       ActorRef<MasterCommand> master) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.services = services;
        this.store = store;
        this.master = master;
        this.claimed = settings.claimedCheckpoint();
        this.crashes = new CoordinatorFaultInjector(settings.faults(), services);
        this.storageFaults = new StorageFaultInjector(settings.faults(), services);
        this.sharedState = settings.storage() == null ? null : new SharedStateTracker(settings.storage().jobDirectory());
        // Replies come through message adapters, not asks: an ask's CompletionStage may run its
        // callbacks on a thread of its own, which would escape deterministic execution.
        this.storedAdapter = context.messageAdapter(Done.class, done -> new Stored(awaitingStore.pollFirst(), null));
        ActorRef<List<CheckpointEntry>> loaded = castList(context.messageAdapter(List.class,
                entries -> new StoreLoaded(castEntries(entries), null)));
        store.tell(new CompletedCheckpointStore.GetAll(loaded));
    }

    public static Behavior<CoordinatorCommand> create(Settings settings, RuntimeServices services,
                                           ActorRef<CompletedCheckpointStore.Command> store,
                                           ActorRef<MasterCommand> master) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new CheckpointCoordinatorActor(ctx, timers, settings, services, store, master)));
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(StoreLoaded.class, this::onStoreLoaded)
                .onMessage(Deployed.class, this::onDeployed)
                .onMessage(Suspend.class, this::onSuspend)
                .onMessage(Tick.class, this::onTick)
                .onMessage(Acknowledge.class, this::onAcknowledge)
                .onMessage(Decline.class, this::onDecline)
                .onMessage(ExpireCheck.class, this::onExpireCheck)
                .onMessage(MetadataWritten.class, this::onMetadataWritten)
                .onMessage(Stored.class, this::onStored)
                .onMessage(SourceExhausted.class, this::onSourceExhausted)
                .onMessage(GetRetained.class, this::onGetRetained)
                .onMessage(JobEnded.class, this::onJobEnded)
                .onMessage(DescribeCoordinator.class, this::onDescribe)
                .onMessage(TriggerSavepoint.class, this::onTriggerSavepoint)
                .build();
    }

    private static final String ACTOR = "coordinator";

    private void record(HistoryEvent event) {
        services.record(event);
    }

    private long now() {
        return services.now();
    }

    /** The completion of {@code completed} as the history records it, with Flink's two sizes. */
    private HistoryEvent completedEvent(CompletedCheckpoint completed, List<SubtaskStateSnapshot> states) {
        long checkpointed = states.stream().mapToLong(SubtaskStateSnapshot::checkpointedSize).sum();
        return new CheckpointEvents.Completed(now(), ACTOR, attempt, completed.checkpointId(),
                completed.kind().name().toLowerCase(), checkpointed, completed.stateSize(),
                Path.of(completed.metadataPath()).getParent().getFileName().toString());
    }

    private boolean enabled() {
        return settings.core() != null;
    }

    // ---------------------------------------------------------------- start-up and deployment

    private Behavior<CoordinatorCommand> onStoreLoaded(StoreLoaded loaded) {
        if (loaded.failure() != null) {
            master.tell(new CoordinatorReady(settings.incarnation(), List.of(),
                    "cannot read the completed-checkpoint store: " + loaded.failure().getMessage()));
            return this;
        }
        List<CompletedCheckpoint> recovered = new ArrayList<>();
        long nextId = settings.submittedAfterCheckpoint() + 1;
        for (CheckpointEntry e : loaded.entries()) {
            if (!e.savepoint()) {
                recovered.add(new CompletedCheckpoint(e.checkpointId(), e.triggerTimestamp(), e.completionTimestamp(),
                        e.metadataPath(), e.stateSize(), TriggerKind.PERIODIC));
                if (sharedState != null) {
                    sharedState.recovered(e.checkpointId(), java.nio.file.Path.of(e.metadataPath()));
                }
            }
            nextId = Math.max(nextId, e.checkpointId() + 1);
        }
        if (enabled()) {
            // a crashed coordinator may have left chk-n folders it never recorded: never reuse their ids
            for (long onDisk : settings.storage().checkpointIdsOnDisk()) {
                nextId = Math.max(nextId, onDisk + 1);
            }
            core = new CheckpointCoordinatorCore(settings.core(), allOperatorSubtasks(), nextId, recovered);
        }
        List<CompletedCheckpoint> newestFirst = new ArrayList<>(enabled() ? core.retainedCheckpoints() : recovered);
        java.util.Collections.reverse(newestFirst);
        master.tell(new CoordinatorReady(settings.incarnation(), newestFirst, null));
        return this;
    }

    private Set<SubtaskId> allOperatorSubtasks() {
        Set<SubtaskId> all = new HashSet<>();
        for (OperatorInfo op : settings.operators().values()) {
            for (int i = 0; i < op.parallelism(); i++) {
                all.add(new SubtaskId(op.uid(), i));
            }
        }
        return all;
    }

    private Behavior<CoordinatorCommand> onDeployed(Deployed deployed) {
        attempt = deployed.attempt();
        tasks = Map.copyOf(deployed.tasks());
        sources = Set.copyOf(deployed.sources());
        exhaustedSources.clear();
        finalCompleted = false;
        Set<TaskKey> early = earlyExhausted.remove(attempt);
        if (early != null) {
            exhaustedSources.addAll(early);
        }
        earlyExhausted.keySet().removeIf(a -> a < attempt);
        suspended = false;
        if (enabled() && !sources.isEmpty() && exhaustedSources.containsAll(sources)) {
            getContext().getSelf().tell(new Tick());
        }
        if (enabled() && deployed.restoredCheckpointId() >= 0) {
            core.markRestored(deployed.restoredCheckpointId());
        }
        if (enabled() && !ended) {
            timers.startSingleTimer(TICK, new Tick(), Duration.ofMillis(settings.core().intervalMs()));
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onSuspend(Suspend suspend) {
        suspended = true;
        timers.cancel(TICK);
        if (enabled()) {
            for (AbortedCheckpoint a : core.abortAll(CheckpointFailureReason.TASK_FAILURE,
                    "job failover in attempt " + suspend.attempt(), services.clock().millis())) {
                discard(a.checkpointId());
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- triggering

    private Behavior<CoordinatorCommand> onTick(Tick tick) {
        if (suspended || ended || !enabled() || finalCompleted) {
            return this;
        }
        long now = services.clock().millis();
        boolean finalCheckpoint = !sources.isEmpty() && exhaustedSources.containsAll(sources);
        TriggerDecision decision = core.tryTrigger(now, finalCheckpoint ? TriggerKind.FINAL : TriggerKind.PERIODIC);
        if (decision instanceof TriggerDecision.Triggered triggered) {
            PendingCheckpoint pending = triggered.checkpoint();
            long id = pending.checkpointId();
            try {
                java.nio.file.Files.createDirectories(settings.storage().checkpointDirectory(id));
            } catch (java.io.IOException e) {
                core.fail(id, CheckpointFailureReason.IO_FAILURE, "cannot create checkpoint directory: " + e, now)
                        .ifPresent(this::onAborted);
                scheduleTick(settings.core().intervalMs());
                return this;
            }
            record(new CheckpointEvents.Triggered(now(), ACTOR, attempt, id, pending.kind().name().toLowerCase(),
                    pending.numberOfTasks()));
            for (TaskKey source : new java.util.TreeSet<>(sources)) {
                tasks.get(source).tell(new TriggerCheckpoint(id, pending.triggerTimestamp(), null));
            }
            timers.startSingleTimer("expire-" + id, new ExpireCheck(id), Duration.ofMillis(settings.core().timeoutMs()));
            if (!finalCheckpoint) {
                lastPeriodicTrigger = now;
                scheduleTick(settings.core().intervalMs());
            }
        } else if (decision instanceof TriggerDecision.Deferred deferred) {
            scheduleTick(Math.max(1, deferred.earliestRetryTime() - now));
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onTriggerSavepoint(TriggerSavepoint trigger) {
        if (suspended || ended || !enabled()) {
            return this;
        }
        if (settings.savepointsDirectory() == null) {
            master.tell(new CheckpointFailureLimitExceeded("cannot take a savepoint: "
                    + "state.savepoints.dir (execution.checkpointing.savepoint-dir) is not configured"));
            return this;
        }
        long now = services.clock().millis();
        TriggerDecision decision = core.tryTrigger(now, TriggerKind.SAVEPOINT);
        if (!(decision instanceof TriggerDecision.Triggered triggered)) {
            timers.startSingleTimer("savepoint-retry", trigger, Duration.ofMillis(5));
            return this;
        }
        long id = triggered.checkpoint().checkpointId();
        java.nio.file.Path dir = io.snapsim.core.storage.SavepointPaths.newSavepointDirectory(
                settings.savepointsDirectory(), settings.jobId(), services.random());
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            core.fail(id, CheckpointFailureReason.IO_FAILURE, "cannot create savepoint folder " + dir + ": " + e, now)
                    .ifPresent(this::onAborted);
            return this;
        }
        savepointDirs.put(id, dir);
        if (trigger.stop()) {
            stopWithSavepoint.add(id);
        }
        record(new CheckpointEvents.SavepointTriggered(now(), ACTOR, attempt, id, trigger.stop()));
        for (TaskKey source : new java.util.TreeSet<>(sources)) {
            tasks.get(source).tell(new TriggerCheckpoint(id, triggered.checkpoint().triggerTimestamp(),
                    dir.toString()));
        }
        timers.startSingleTimer("expire-" + id, new ExpireCheck(id), Duration.ofMillis(settings.core().timeoutMs()));
        return this;
    }

    private void scheduleTick(long delayMs) {
        timers.startSingleTimer(TICK, new Tick(), Duration.ofMillis(delayMs));
    }

    private Behavior<CoordinatorCommand> onSourceExhausted(SourceExhausted exhausted) {
        if (exhausted.attempt() > attempt) {
            // the source's message overtook its attempt's Deployed (they come from different senders)
            earlyExhausted.computeIfAbsent(exhausted.attempt(), a -> new HashSet<>()).add(exhausted.task());
            return this;
        }
        if (exhausted.attempt() != attempt || !enabled()) {
            return this;
        }
        exhaustedSources.add(exhausted.task());
        if (exhaustedSources.containsAll(sources)) {
            getContext().getSelf().tell(new Tick());
        }
        return this;
    }

    // ---------------------------------------------------------------- acknowledgements

    private Behavior<CoordinatorCommand> onAcknowledge(Acknowledge ack) {
        if (!enabled()) {
            return this;
        }
        if (ack.attempt() != attempt) {
            sharedState.lateAcknowledgement(ack.states().values()); // its checkpoint was aborted at the failover
            return this;
        }
        long now = services.clock().millis();
        boolean ready = false;
        for (Map.Entry<SubtaskId, SubtaskStateSnapshot> e : ack.states().entrySet()) {
            SubtaskCheckpointMetrics m = ack.metrics(); // one task, a chain of operators: each reports its own size
            SubtaskCheckpointMetrics own = new SubtaskCheckpointMetrics(m.alignmentDurationMs(), m.startDelayMs(),
                    m.syncDurationMs(), m.asyncDurationMs(), e.getValue().checkpointedSize());
            AckOutcome outcome = core.acknowledge(ack.checkpointId(), e.getKey(), e.getValue(), own, now);
            if (outcome.result() == io.snapsim.core.checkpoint.AckResult.SUCCESS) {
                sharedState.acknowledged(ack.checkpointId(), List.of(e.getValue()));
            } else if (outcome.result() != io.snapsim.core.checkpoint.AckResult.DUPLICATE) {
                sharedState.lateAcknowledgement(List.of(e.getValue())); // no pending checkpoint will reference it
            }
            ready |= outcome.readyToComplete();
        }
        if (ready) {
            record(new CheckpointEvents.AcknowledgedByAll(now(), ACTOR, attempt, ack.checkpointId()));
            PendingCheckpoint pending = core.pendingCheckpoint(ack.checkpointId()).orElseThrow();
            CheckpointMetadata metadata = metadataOf(pending, now);
            FsCheckpointStorage storage = settings.storage();
            long id = pending.checkpointId();
            java.nio.file.Path savepointDir = savepointDirs.get(id);
            CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> {
                if (savepointDir == null) {
                    return storage.writeMetadata(id, metadata).toString();
                }
                io.snapsim.core.storage.MetadataFormat.write(savepointDir, metadata);
                return savepointDir.resolve(io.snapsim.core.storage.MetadataFormat.METADATA_FILE_NAME).toString();
            }, services.ioExecutor());
            getContext().pipeToSelf(write, (path, err) -> new MetadataWritten(id, path, err));
        }
        return this;
    }

    private CheckpointMetadata metadataOf(PendingCheckpoint pending, long now) {
        Map<String, List<SubtaskStateSnapshot>> byOperator = new TreeMap<>();
        for (Map.Entry<SubtaskId, SubtaskStateSnapshot> e : pending.acknowledgedStates().entrySet()) {
            byOperator.computeIfAbsent(e.getKey().operatorId(), k -> new ArrayList<>()).add(e.getValue());
        }
        List<OperatorStateSnapshot> operators = new ArrayList<>();
        for (Map.Entry<String, List<SubtaskStateSnapshot>> e : byOperator.entrySet()) {
            OperatorInfo info = settings.operators().get(e.getKey());
            List<SubtaskStateSnapshot> subtasks = new ArrayList<>(e.getValue());
            subtasks.sort(Comparator.comparingInt(SubtaskStateSnapshot::subtaskIndex));
            operators.add(new OperatorStateSnapshot(info.uid(), info.name(), info.parallelism(), info.maxParallelism(),
                    subtasks));
        }
        return new CheckpointMetadata(settings.jobId(), pending.checkpointId(), pending.triggerTimestamp(), now,
                pending.kind() == TriggerKind.SAVEPOINT ? SnapshotKind.SAVEPOINT : SnapshotKind.CHECKPOINT,
                settings.retention().name(), operators);
    }

    private Behavior<CoordinatorCommand> onMetadataWritten(MetadataWritten written) {
        long now = services.clock().millis();
        if (ended || suspended) {
            return this;
        }
        if (written.failure() != null) {
            core.fail(written.checkpointId(), CheckpointFailureReason.IO_FAILURE,
                    "writing _metadata failed: " + written.failure().getMessage(), now).ifPresent(this::onAborted);
            return this;
        }
        timers.cancel("expire-" + written.checkpointId());
        if (crashIfPlanned(written.checkpointId(), io.snapsim.runtime.fault.CoordinatorFault.Kind.CRASH_AFTER_METADATA)) {
            return Behaviors.stopped();
        }
        List<SubtaskStateSnapshot> states = core.pendingCheckpoint(written.checkpointId())
                .map(p -> List.copyOf(p.acknowledgedStates().values())).orElse(List.of());
        String gone = sharedState.reusedFileNoLongerHeld(written.checkpointId(), states);
        if (gone != null) {
            // based on a checkpoint subsumed meanwhile (concurrent checkpoints): never complete it
            core.fail(written.checkpointId(), CheckpointFailureReason.SUBSUMED, "it reuses shared file " + gone
                    + ", which no retained checkpoint holds any more", now).ifPresent(this::onAborted);
            return this;
        }
        Optional<CompletionOutcome> completion = core.complete(written.checkpointId(), written.path(), now);
        if (completion.isEmpty()) {
            discard(written.checkpointId()); // expired or aborted while the metadata was written
            return this;
        }
        CompletionOutcome outcome = completion.get();
        if (outcome.completed().kind() == TriggerKind.SAVEPOINT) {
            return onSavepointCompleted(outcome.completed());
        }
        sharedState.completed(written.checkpointId(), states); // every reused file is held: checked above
        record(completedEvent(outcome.completed(), states));
        for (AbortedCheckpoint a : outcome.subsumedPending()) {
            onAborted(a);
        }
        for (CompletedCheckpoint old : outcome.subsumedCompleted()) {
            subsumedAwaitingStore.add(old.checkpointId());
        }
        CompletedCheckpoint c = outcome.completed();
        CheckpointEntry entry = new CheckpointEntry(
                c.checkpointId(), c.triggerTimestamp(), c.completionTimestamp(), c.metadataPath(), c.stateSize(), false);
        awaitingStore.addLast(outcome); // the store answers in order, one Done per Add
        store.tell(new CompletedCheckpointStore.Add(entry, storedAdapter));
        return this;
    }

    private Behavior<CoordinatorCommand> onStored(Stored stored) {
        if (stored.failure() != null) {
            master.tell(new CheckpointFailureLimitExceeded(
                    "cannot record completed checkpoint in the store: " + stored.failure().getMessage()));
            return this;
        }
        CompletedCheckpoint completed = stored.outcome().completed();
        if (crashIfPlanned(completed.checkpointId(), io.snapsim.runtime.fault.CoordinatorFault.Kind.CRASH_BEFORE_NOTIFY)) {
            return Behaviors.stopped();
        }
        if (!suspended && !ended && damageIfPlanned(completed)) {
            // damaged as it completed: no task learns of it, so no sink commits what it covers
            discardSubsumed(stored.outcome());
            return this;
        }
        if (!suspended && !ended) {
            record(new CheckpointEvents.Stored(now(), ACTOR, attempt, completed.checkpointId()));
            master.tell(new CheckpointCompletedNotice(completed.checkpointId()));
            for (ActorRef<TaskCommand> task : sortedTasks()) {
                task.tell(new NotifyComplete(completed.checkpointId()));
            }
        }
        discardSubsumed(stored.outcome());
        discardClaimedIfSubsumed();
        if (!suspended && !ended && completed.kind() == TriggerKind.FINAL) {
            finalCompleted = true;
            timers.cancel(TICK);
            for (TaskKey source : new java.util.TreeSet<>(sources)) {
                tasks.get(source).tell(new FinishInput());
            }
        } else {
            rescheduleAfterCheckpointEnded();
        }
        return this;
    }

    /**
     * A savepoint completed: it belongs to the user, so it is neither recorded in the store nor ever
     * deleted. The tasks are notified (sinks commit what it covers); the master learns its path.
     */
    private Behavior<CoordinatorCommand> onSavepointCompleted(CompletedCheckpoint savepoint) {
        savepointDirs.remove(savepoint.checkpointId());
        sharedState.pendingEnded(savepoint.checkpointId());
        boolean stop = stopWithSavepoint.remove(savepoint.checkpointId());
        record(new CheckpointEvents.SavepointCompleted(now(), ACTOR, attempt, savepoint.checkpointId()));
        for (ActorRef<TaskCommand> task : sortedTasks()) {
            task.tell(new NotifyComplete(savepoint.checkpointId()));
        }
        master.tell(new SavepointCompleted(savepoint.checkpointId(), savepoint.metadataPath(), stop));
        return this;
    }

    /**
     * CLAIM mode: once num-retained checkpoints of this job completed, the claimed checkpoint is
     * subsumed like one of the job's own and deleted: its {@code chk-N} folder and, for a RocksDB
     * checkpoint, the files of its job's {@code shared/} folder that it references and no other
     * {@code chk-N} left in that folder references.
     */
    private void discardClaimedIfSubsumed() {
        if (claimed == null || core.retainedCheckpoints().size() < settings.core().numRetained()) {
            return;
        }
        java.nio.file.Path chk = claimed.toAbsolutePath().normalize().getParent();
        claimed = null;
        // the user handed this checkpoint over with -s and CLAIM; still, only a chk-N folder holding
        // the metadata of a checkpoint (never a savepoint) is deleted
        if (chk == null || !chk.getFileName().toString().matches("chk-\\d+")
                || !java.nio.file.Files.isRegularFile(chk.resolve(io.snapsim.core.storage.MetadataFormat.METADATA_FILE_NAME))) {
            record(new CheckpointEvents.ClaimedCheckpoint(now(), ACTOR, attempt, chk == null ? null
                    : chk.getFileName().toString(), false, "not a chk-N folder with _metadata"));
            return;
        }
        CheckpointMetadata claimedMetadata;
        try {
            claimedMetadata = io.snapsim.core.storage.MetadataFormat.read(chk.resolve(
                    io.snapsim.core.storage.MetadataFormat.METADATA_FILE_NAME));
        } catch (RuntimeException e) {
            record(new CheckpointEvents.ClaimedCheckpoint(now(), ACTOR, attempt, chk.getFileName().toString(), false,
                    "cannot read its metadata"));
            return;
        }
        try (var walk = java.nio.file.Files.walk(chk)) {
            for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
            // its shared files: this job never referenced them (its first checkpoint uploaded all anew)
            SharedStateTracker.deleteClaimedSharedFiles(claimedMetadata, chk.getParent());
            record(new CheckpointEvents.ClaimedCheckpoint(now(), ACTOR, attempt, chk.getFileName().toString(), true,
                    "subsumed by this job's own checkpoints (CLAIM)"));
        } catch (java.io.IOException e) {
            record(new CheckpointEvents.ClaimedCheckpoint(now(), ACTOR, attempt, chk.getFileName().toString(), false,
                    "cannot delete it"));
        }
    }

    /** Deletes the completed checkpoints a completion pushed beyond num-retained, now that the store knows the new one. */
    private void discardSubsumed(CompletionOutcome outcome) {
        for (CompletedCheckpoint old : outcome.subsumedCompleted()) {
            record(new CheckpointEvents.Subsumed(now(), ACTOR, attempt, old.checkpointId()));
            subsumedAwaitingStore.remove(old.checkpointId());
            sharedState.released(old.checkpointId(), pendingIds());
            discardFolder(old.checkpointId());
            store.tell(new CompletedCheckpointStore.Remove(old.checkpointId(), getContext().getSystem().ignoreRef()));
        }
    }

    /**
     * A checkpoint ended, so a trigger held back by max-concurrent may go now: the next periodic
     * trigger is due one interval after the previous one, or when min-pause allows, whichever is later;
     * once all sources are exhausted the final checkpoint is due at once.
     */
    private void rescheduleAfterCheckpointEnded() {
        if (suspended || ended) {
            return;
        }
        if (!sources.isEmpty() && exhaustedSources.containsAll(sources)) {
            getContext().getSelf().tell(new Tick());
            return;
        }
        long now = services.clock().millis();
        long due = Math.max(lastPeriodicTrigger + settings.core().intervalMs(), core.nextTriggerTime(now));
        scheduleTick(Math.max(1, due - now));
    }

    // ---------------------------------------------------------------- aborts

    private Behavior<CoordinatorCommand> onDecline(Decline decline) {
        if (decline.attempt() != attempt || !enabled()) {
            return this;
        }
        core.decline(decline.checkpointId(), decline.from(), decline.reason(), services.clock().millis())
                .ifPresent(this::onAborted);
        return this;
    }

    private Behavior<CoordinatorCommand> onExpireCheck(ExpireCheck check) {
        if (!enabled() || ended) {
            return this;
        }
        for (AbortedCheckpoint a : core.expire(services.clock().millis())) {
            onAborted(a);
        }
        return this;
    }

    private void onAborted(AbortedCheckpoint aborted) {
        timers.cancel("expire-" + aborted.checkpointId());
        record(new CheckpointEvents.Aborted(now(), ACTOR, attempt, aborted.checkpointId(), aborted.reason().name(),
                aborted.message()));
        for (ActorRef<TaskCommand> task : sortedTasks()) {
            task.tell(new NotifyAborted(aborted.checkpointId()));
        }
        discard(aborted.checkpointId());
        if (core.tolerableFailuresExceeded()) {
            master.tell(new CheckpointFailureLimitExceeded("Exceeded checkpoint tolerable failure threshold ("
                    + settings.core().tolerableFailedCheckpoints() + "): checkpoint " + aborted.checkpointId()
                    + " failed: " + aborted.reason() + (aborted.message() == null ? "" : " (" + aborted.message() + ")")));
        } else {
            rescheduleAfterCheckpointEnded();
        }
    }

    /** Performs a planned crash of this coordinator at {@code kind} of checkpoint {@code id}; true when it crashed. */
    private boolean crashIfPlanned(long id, io.snapsim.runtime.fault.CoordinatorFault.Kind kind) {
        Optional<CoordinatorCrashed> crash = kind == io.snapsim.runtime.fault.CoordinatorFault.Kind.CRASH_AFTER_METADATA
                ? crashes.afterMetadata(id, attempt) : crashes.beforeNotify(id, attempt);
        if (crash.isEmpty()) {
            return false;
        }
        timers.cancelAll();
        master.tell(crash.get());
        return true;
    }

    /** Damages completed checkpoint {@code c} as planned, and asks the master to fail the job over; true when it did. */
    private boolean damageIfPlanned(CompletedCheckpoint c) {
        Optional<CheckpointDamaged> damaged = storageFaults.checkpointStored(c, attempt);
        damaged.ifPresent(master::tell);
        return damaged.isPresent();
    }

    /** Tasks in a fixed order, so that deterministic runs send notifications in the same order. */
    private List<ActorRef<TaskCommand>> sortedTasks() {
        return new TreeMap<>(tasks).values().stream().toList();
    }

    private List<Long> pendingIds() {
        return core.pendingCheckpoints().stream().map(PendingCheckpoint::checkpointId).toList();
    }

    /** Deletes a checkpoint that will not be retained: pending, or completed and no longer needed. */
    private void discard(long checkpointId) {
        if (settings.storage() != null) {
            sharedState.aborted(checkpointId);
            sharedState.released(checkpointId, pendingIds());
            discardFolder(checkpointId);
        }
    }

    /**
     * Deletes a {@code chk-N} folder. When a task's late write keeps it from going (live execution
     * only), the coordinator goes on: the folder is deleted when the job ends.
     */
    private void discardFolder(long checkpointId) {
        try {
            settings.storage().discardCheckpoint(checkpointId);
        } catch (java.io.UncheckedIOException e) {
            record(new CheckpointEvents.FolderKept(now(), ACTOR, attempt, checkpointId, "cannot delete it yet (a late"
                    + " write still goes on)"));
        }
    }

    private Behavior<CoordinatorCommand> onDescribe(DescribeCoordinator describe) {
        String pending = !enabled() ? "checkpointing off" : core.pendingCheckpoints().stream()
                .map(p -> p.checkpointId() + " (" + p.kind() + ", waiting for " + p.notYetAcknowledged() + ")")
                .toList().toString();
        describe.replyTo().tell("coordinator: attempt " + attempt + " suspended=" + suspended + " ended=" + ended
                + " exhausted sources " + exhaustedSources + " of " + sources + " pending " + pending
                + (enabled() ? " counts " + core.counts() : ""));
        return this;
    }

    // ---------------------------------------------------------------- queries and the end

    private Behavior<CoordinatorCommand> onGetRetained(GetRetained get) {
        List<CompletedCheckpoint> retained = new ArrayList<>(enabled() ? core.retainedCheckpoints() : List.of());
        java.util.Collections.reverse(retained);
        get.replyTo().tell(new RetainedCheckpoints(retained));
        return this;
    }


    private Behavior<CoordinatorCommand> onJobEnded(JobEnded end) {
        ended = true;
        suspended = true;
        timers.cancelAll();
        if (!enabled()) {
            end.replyTo().tell(new Report(null, List.of(), null));
            return this;
        }
        CheckpointFailureReason reason = end.end() == ExternalizedCheckpointCleanup.JobEnd.FINISHED
                ? CheckpointFailureReason.FINISHED : CheckpointFailureReason.JOB_CANCELLED;
        for (AbortedCheckpoint a : core.abortAll(reason, "job " + end.end().name().toLowerCase(), services.clock().millis())) {
            discard(a.checkpointId());
        }
        for (long subsumed : subsumedAwaitingStore) {
            discard(subsumed);
        }
        subsumedAwaitingStore.clear();
        String latest = core.latestCompleted().map(CompletedCheckpoint::metadataPath).orElse(null);
        record(new CheckpointEvents.RetentionApplied(now(), ACTOR, attempt, end.end().name().toLowerCase(),
                settings.retention().name(), settings.retention().keepsCheckpointsWhen(end.end()) && latest != null
                ? Path.of(latest).getParent().getFileName().toString() : null));
        if (!settings.retention().keepsCheckpointsWhen(end.end())) {
            for (CompletedCheckpoint c : core.retainedCheckpoints()) {
                discardFolder(c.checkpointId());
            }
            try {
                settings.storage().discardJobDirectory();
            } catch (RuntimeException e) {
                record(new CheckpointEvents.JobFolderKept(now(), ACTOR, attempt, "cannot delete it"));
            }
            latest = null;
        } else {
            // no task runs any more: the job's folder keeps exactly the retained checkpoints, and shared/
            // exactly what they reference (a task that failed while uploading may have left files behind)
            Set<Long> kept = new HashSet<>();
            core.retainedCheckpoints().forEach(c -> kept.add(c.checkpointId()));
            for (long onDisk : settings.storage().checkpointFoldersOnDisk()) {
                if (!kept.contains(onDisk)) {
                    discardFolder(onDisk);
                }
            }
            sharedState.deleteUnreferenced();
        }
        end.replyTo().tell(new Report(core.counts(), core.history(), latest));
        return this;
    }
}
