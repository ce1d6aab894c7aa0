package io.snapsim.runtime.job;

import io.snapsim.core.api.ExternalizedCheckpointCleanup.JobEnd;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.graph.JobGraph.ResolvedNode;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.job.RestoredSnapshot;
import io.snapsim.core.restart.RestartStrategy;
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor;
import io.snapsim.runtime.fault.ArmedFault;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.JobControl.Cancel;
import io.snapsim.runtime.protocol.JobControl.Diagnose;
import io.snapsim.runtime.protocol.JobControl.TriggerSavepointNow;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointCompletedNotice;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointDamaged;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointFailureLimitExceeded;
import io.snapsim.runtime.protocol.MasterCoordination.CheckpointStoreFailed;
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
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.DescribeTask;
import io.snapsim.runtime.protocol.TaskLifecycle.InputSender;
import io.snapsim.runtime.protocol.TaskLifecycle.OutputTarget;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.StopGracefully;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import io.snapsim.runtime.protocol.TaskLifecycle.Wire;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import io.snapsim.runtime.store.JournalSettings;
import io.snapsim.runtime.task.TaskActor;
import io.snapsim.runtime.task.TaskRestore;
import io.snapsim.runtime.task.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The job master: deploys one task actor per subtask of every chain and the checkpoint coordinator,
 * wires the channels, and handles the job's life: a failed task fails the whole job, the restart
 * strategy decides whether and when to redeploy, and every redeployment restores all tasks from the
 * latest completed checkpoint. At the end it applies the retention policy (through the
 * coordinator) and completes the job's result.
 */
public final class JobMaster extends AbstractBehavior<MasterCommand> {

    private record PlannedCancel() implements MasterCommand.Internal {
    }

    private record PlannedSavepoint() implements MasterCommand.Internal {
    }

    private record JournalReady(Throwable failure) implements MasterCommand.Internal {
    }

    /** A task actor of some attempt has stopped (its last words, such as its record counts, are in the history). */
    private record TaskTerminated() implements MasterCommand.Internal {
    }

    /** The restart delay after a failover passed; {@code timer} names the restart it belongs to. */
    private record Redeploy(long timer) implements MasterCommand.Internal {
    }

    /** The coordinator's answer to {@code request}: the checkpoints to restore from. */
    private record RestoreFrom(long request, List<CompletedCheckpoint> retainedNewestFirst) implements MasterCommand.Internal {
    }

    private record Ended(JobStatus status, String failure, Report report) implements MasterCommand.Internal {
    }

    private final JobPlan plan;
    private final JobRunSettings settings;
    private final RuntimeServices services;
    private final CompletableFuture<JobResult> result;
    private final Consumer<String> events;
    private final TimerScheduler<MasterCommand> timers;
    private final FsCheckpointStorage storage;
    private final RestartStrategy restartStrategy;
    private ActorRef<CoordinatorCommand> coordinator;
    private ActorRef<CompletedCheckpointStore.Command> store;
    private long completedCheckpoints;
    private String savepointPath;
    private boolean stopping;
    private final Set<TaskKey> stoppedTasks = new HashSet<>();
    private final Set<Integer> firedFaults = new HashSet<>();
    private final Map<TaskKey, ActorRef<TaskCommand>> tasks = new LinkedHashMap<>();
    private final Set<TaskKey> finishedTasks = new HashSet<>();
    private final SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalState = new TreeMap<>();
    private final long startMillis;
    /** Which attempt runs, and the one (re)deployment that may be pending. */
    private final Deployments deployments = new Deployments();
    /** Task actors spawned and not yet terminated: the job's result waits until there are none. */
    private int liveTaskActors;
    /** The job's end, once known, waiting for the last task actors to terminate. */
    private Ended endedAwaitingTasks;
    private int restarts;
    private long sourceRecords;
    private long sinkRecords;
    private boolean ending;

    private JobMaster(ActorContext<MasterCommand> context, TimerScheduler<MasterCommand> timers, JobPlan plan,
                      JobRunSettings settings, RuntimeServices services, CompletableFuture<JobResult> result,
                      Consumer<String> events) {
        super(context);
        this.timers = timers;
        this.plan = plan;
        this.settings = settings;
        this.services = services;
        this.result = result;
        this.events = events;
        this.startMillis = services.clock().millis();
        this.storage = settings.checkpointing()
                ? new FsCheckpointStorage(settings.checkpointsDirectory(), settings.jobId(), settings.inlineThresholdBytes())
                : null;
        if (storage != null) {
            storage.initializeJobDirectories();
        }
        this.restartStrategy = settings.restartStrategy();
        context.pipeToSelf(JournalSettings.prepare(context.getSystem()), (done, err) -> new JournalReady(err));
    }

    private Behavior<MasterCommand> onJournalReady(JournalReady ready) {
        if (ready.failure() != null) {
            result.complete(endedBeforeStart(JobStatus.FAILED, "cannot open the checkpoint store's journal: " + ready.failure()));
            return Behaviors.stopped();
        }
        startCoordinator();
        return this;
    }

    /**
     * Spawns the completed-checkpoint store and the coordinator (again after a coordinator crash: the
     * store then recovers the completed checkpoints from its journal, which outlives the crash).
     */
    private void startCoordinator() {
        ActorContext<MasterCommand> context = getContext();
        int incarnation = deployments.coordinatorStarting();
        ActorRef<CompletedCheckpointStore.Command> newStore = context.spawn(
                CompletedCheckpointStore.create(settings.jobId()), "completed-checkpoints-" + incarnation);
        store = newStore;
        List<io.snapsim.runtime.fault.CoordinatorFault> coordinatorFaults = settings.faultPlan().coordinator().stream()
                .filter(f -> !firedFaults.contains(f.faultIndex())).toList();
        Map<String, CheckpointCoordinatorActor.OperatorInfo> operators = new TreeMap<>();
        for (ResolvedNode n : plan.graph().nodes()) {
            operators.put(n.uid(), new CheckpointCoordinatorActor.OperatorInfo(n.uid(), n.name(), n.parallelism(),
                    n.maxParallelism()));
        }
        this.coordinator = context.spawn(CheckpointCoordinatorActor.create(
                new CheckpointCoordinatorActor.Settings(settings.coordinatorConfig(), settings.retention(),
                        settings.jobId(), storage, operators, coordinatorFaults, settings.savepointsDirectory(),
                        claimedCheckpoint(), incarnation,
                        settings.restoredFrom() == null ? 0 : settings.restoredFrom().checkpointId()),
                services, newStore, context.getSelf()), "checkpoint-coordinator-" + incarnation);
    }

    /** In CLAIM mode, the retained checkpoint the job starts from (never a savepoint: those belong to the user). */
    private Path claimedCheckpoint() {
        RestoredSnapshot restored = settings.restoredFrom(); // null also when unreadable: the restore reports that
        boolean claimed = settings.claimMode() == io.snapsim.core.config.RecoveryClaimMode.CLAIM && restored != null
                && restored.kind() == io.snapsim.core.storage.SnapshotKind.CHECKPOINT && deployments.coordinator() == 1;
        return claimed ? settings.recoveryPath() : null;
    }

    private Behavior<MasterCommand> onCoordinatorCrashed(CoordinatorCrashed crashed) {
        if (ending) {
            return this;
        }
        firedFaults.add(crashed.faultIndex());
        event(new JobEvents.CoordinatorCrashed(now(), ACTOR, deployments.attempt(), crashed.faultIndex(),
                crashed.message()), crashed.message());
        stopTasks();
        getContext().stop(coordinator);
        getContext().stop(store);
        // answers with CoordinatorReady; a restart already scheduled stays the only pending redeployment
        startCoordinator();
        return this;
    }

    private Behavior<MasterCommand> onPlannedSavepoint(PlannedSavepoint planned) {
        if (!ending && coordinator != null) {
            boolean stop = settings.faultPlan().savepoint().stop();
            services.record(new FaultInjected(now(), ACTOR, deployments.attempt(), settings.faultPlan().savepointIndex(),
                    "savepoint", "job", null, null, "savepoint triggered as planned" + (stop ? " (stop-with-savepoint)" : "")));
            coordinator.tell(new TriggerSavepoint(settings.faultPlan().savepoint().stop()));
        }
        return this;
    }

    private Behavior<MasterCommand> onTriggerSavepointNow(TriggerSavepointNow trigger) {
        if (!ending && coordinator != null) {
            coordinator.tell(new TriggerSavepoint(trigger.stop()));
        }
        return this;
    }

    private Behavior<MasterCommand> onSavepointCompleted(SavepointCompleted done) {
        savepointPath = done.metadataPath();
        event(new JobEvents.SavepointTaken(now(), ACTOR, deployments.attempt(), done.checkpointId(),
                Path.of(done.metadataPath()).getParent().getFileName().toString()),
                "savepoint " + done.checkpointId() + " completed: " + done.metadataPath());
        if (done.stop() && !ending) {
            event(new JobEvents.Stopping(now(), ACTOR, deployments.attempt(), done.checkpointId()),
                    "stopping the job after savepoint " + done.checkpointId());
            stopping = true;
            stoppedTasks.clear();
            // a message, not context.stop: each task first handles the savepoint's completion notice
            // already in its mailbox, so the sinks commit what the savepoint covers
            for (ActorRef<TaskCommand> task : tasks.values()) {
                task.tell(new StopGracefully(deployments.attempt()));
            }
        }
        return this;
    }

    private Behavior<MasterCommand> onTaskStopped(TaskStopped stopped) {
        if (!stopping || !deployments.isRunning(stopped.attempt()) || ending) {
            return this;
        }
        stoppedTasks.add(stopped.task());
        if (stoppedTasks.size() == tasks.size()) {
            tasks.clear();
            return endJob(JobStatus.CANCELED, null);
        }
        return this;
    }

    private Behavior<MasterCommand> onCheckpointCompletedNotice(CheckpointCompletedNotice notice) {
        completedCheckpoints++;
        var savepoint = settings.faultPlan().savepoint();
        if (savepoint != null && savepoint.afterCheckpoints() != null && completedCheckpoints == savepoint.afterCheckpoints()) {
            getContext().getSelf().tell(new PlannedSavepoint());
        }
        var cancel = settings.faultPlan().cancel();
        if (cancel != null && cancel.afterCheckpoints() != null && completedCheckpoints == cancel.afterCheckpoints()) {
            getContext().getSelf().tell(new PlannedCancel());
        }
        return this;
    }

    private Behavior<MasterCommand> onCheckpointDamaged(CheckpointDamaged damaged) {
        if (ending) {
            return this;
        }
        firedFaults.add(damaged.faultIndex());
        // while a redeployment is pending it restores from an intact checkpoint anyway
        return deployments.pending() ? this : failOver(damaged.message(), damaged.faultIndex());
    }

    /** The completed-checkpoint store stopped: no checkpoint can be recorded any more, so no restart could help. */
    private Behavior<MasterCommand> onCheckpointStoreFailed(CheckpointStoreFailed failed) {
        return ending ? this : endJob(JobStatus.FAILED, failed.message());
    }

    private JobResult endedBeforeStart(JobStatus status, String message) {
        return new JobResult(settings.jobId(), plan.graph().jobName(), status, message, 0, 0, 0, null,
                List.of(), new TreeMap<>(), null, 0, settings.restoredFrom());
    }

    public static Behavior<MasterCommand> create(JobPlan plan, JobRunSettings settings, RuntimeServices services,
                                           CompletableFuture<JobResult> result, Consumer<String> events) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new JobMaster(ctx, timers, plan, settings, services, result, events)));
    }

    @Override
    public Receive<MasterCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(JournalReady.class, this::onJournalReady)
                .onMessage(CoordinatorReady.class, this::onCoordinatorReady)
                .onMessage(TaskFailed.class, this::onTaskFailed)
                .onMessage(TaskFinished.class, this::onTaskFinished)
                .onMessage(CheckpointFailureLimitExceeded.class, this::onCheckpointFailureLimit)
                .onMessage(Cancel.class, this::onCancel)
                .onMessage(Redeploy.class, this::onRedeploy)
                .onMessage(RestoreFrom.class, this::onRestoreFrom)
                .onMessage(Ended.class, this::onEnded)
                .onMessage(TaskTerminated.class, this::onTaskTerminated)
                .onMessage(Diagnose.class, this::onDiagnose)
                .onMessage(CoordinatorCrashed.class, this::onCoordinatorCrashed)
                .onMessage(CheckpointDamaged.class, this::onCheckpointDamaged)
                .onMessage(CheckpointStoreFailed.class, this::onCheckpointStoreFailed)
                .onMessage(CheckpointCompletedNotice.class, this::onCheckpointCompletedNotice)
                .onMessage(PlannedCancel.class, this::onPlannedCancel)
                .onMessage(PlannedSavepoint.class, this::onPlannedSavepoint)
                .onMessage(TriggerSavepointNow.class, this::onTriggerSavepointNow)
                .onMessage(SavepointCompleted.class, this::onSavepointCompleted)
                .onMessage(TaskStopped.class, this::onTaskStopped)
                .build();
    }

    private Behavior<MasterCommand> onCoordinatorReady(CoordinatorReady ready) {
        if (ending) {
            return this;
        }
        boolean firstStart = deployments.attempt() < 0;
        Deployments.Step step = deployments.coordinatorReady(ready.incarnation(), ready.retainedNewestFirst());
        if (step instanceof Deployments.Ignore) {
            return this;
        }
        if (ready.error() != null) {
            return endJob(JobStatus.FAILED, ready.error());
        }
        if (firstStart) {
            startPlannedTimers();
        }
        return perform(step);
    }

    private void startPlannedTimers() {
        var cancel = settings.faultPlan().cancel();
        if (cancel != null && cancel.atTime() != null) {
            timers.startSingleTimer("planned-cancel", new PlannedCancel(), Duration.ofMillis(cancel.atTime()));
        }
        var savepoint = settings.faultPlan().savepoint();
        if (savepoint != null && savepoint.atTime() != null) {
            timers.startSingleTimer("planned-savepoint", new PlannedSavepoint(), Duration.ofMillis(savepoint.atTime()));
        }
    }

    /** Does what the deployment planner decided. */
    private Behavior<MasterCommand> perform(Deployments.Step step) {
        if (step instanceof Deployments.Deploy deploy) {
            return deployFromRetained(deploy.attempt(), deploy.retainedNewestFirst());
        }
        if (step instanceof Deployments.AskRetained ask) {
            // a message adapter, not an ask: an ask's callbacks may run on a thread of their own
            long request = ask.request();
            ActorRef<RetainedCheckpoints> replyTo = getContext().messageAdapter(
                    RetainedCheckpoints.class, r -> new RestoreFrom(request, r.newestFirst()));
            coordinator.tell(new GetRetained(replyTo));
        }
        return this;
    }

    // ---------------------------------------------------------------- deployment

    /**
     * Deploys every task, restoring from {@code metadataFile} when it is set. {@code verified} is its
     * metadata when the caller has already checked every state file, otherwise null (then this reads
     * and checks them, so a damaged snapshot fails the job with one message instead of failing tasks).
     */
    private void deployWith(int newAttempt, Path metadataFile, CheckpointMetadata verified) {
        CheckpointMetadata metadata = verified;
        if (metadataFile != null) {
            try {
                if (metadata == null) {
                    metadata = RestoreCheck.verifyIntact(metadataFile);
                }
                RestoreCheck.check(metadata, metadataFile, plan.graph(), settings.allowNonRestoredState(),
                        settings.stateBackend());
            } catch (RuntimeException e) {
                endJob(JobStatus.FAILED, "cannot restore from " + metadataFile + ": " + e.getMessage());
                return;
            }
        }
        int attempt = newAttempt;
        if (attempt > 0) {
            restarts++;
        }
        finishedTasks.clear();
        finalState.clear();
        tasks.clear();
        event(new JobEvents.Deployed(now(), ACTOR, attempt, plan.numberOfTasks(),
                metadata == null ? null : metadata.checkpointId()), metadata == null
                ? "deploy attempt " + attempt + " (fresh start)"
                : "deploy attempt " + attempt + " restoring checkpoint " + metadata.checkpointId());
        Restores restores = metadata == null ? null : new Restores(metadataFile, metadata, plan);
        Set<TaskKey> sources = new HashSet<>();
        for (JobPlan.Vertex v : plan.vertices()) {
            for (int s = 0; s < v.parallelism(); s++) {
                TaskKey key = new TaskKey(v.id(), s);
                List<JobPlan.InputChannel> channels = plan.inputChannels(v.id(), s);
                int[] inputOf = new int[channels.size()];
                for (int c = 0; c < channels.size(); c++) {
                    inputOf[c] = channels.get(c).edge().targetInput();
                }
                TaskRestore restore = restores == null ? null : restores.forTask(v, s);
                TaskSpec spec = new TaskSpec(plan, attempt, v, s, inputOf, settings.checkpointing(), settings.mode(),
                        settings.batchSize(), settings.credits(), storage, restore, armedFaults(v, s),
                        channelFaults(), settings.stateBackend(), settings.incrementalCheckpoints(), settings.jobId(), services, coordinator,
                        getContext().getSelf());
                ActorRef<TaskCommand> task = getContext().spawn(TaskActor.create(spec),
                        "a" + attempt + "-v" + v.id() + "-" + s);
                getContext().watchWith(task, new TaskTerminated());
                liveTaskActors++;
                tasks.put(key, task);
                if (v.isSource()) {
                    sources.add(key);
                }
            }
        }
        for (Map.Entry<TaskKey, ActorRef<TaskCommand>> e : tasks.entrySet()) {
            e.getValue().tell(wiring(e.getKey()));
        }
        coordinator.tell(new Deployed(attempt, Map.copyOf(tasks), sources,
                metadata == null ? -1 : metadata.checkpointId()));
        for (ActorRef<TaskCommand> t : tasks.values()) {
            t.tell(new Start());
        }
    }

    private Wire wiring(TaskKey key) {
        List<List<OutputTarget>> outputs = new ArrayList<>();
        for (JobPlan.Edge e : plan.outputsOf(key.vertex())) {
            List<OutputTarget> targets = new ArrayList<>();
            for (int target : plan.targetsOf(e, key.subtask())) {
                targets.add(new OutputTarget(tasks.get(new TaskKey(e.to(), target)),
                        plan.channelIndexAtReceiver(e, key.subtask(), target)));
            }
            outputs.add(targets);
        }
        List<InputSender> inputs = new ArrayList<>();
        for (JobPlan.InputChannel c : plan.inputChannels(key.vertex(), key.subtask())) {
            TaskKey upstream = new TaskKey(c.edge().from(), c.upstreamSubtask());
            inputs.add(new InputSender(tasks.get(upstream), outputIndexAt(upstream, c.edge(), key.subtask())));
        }
        return new Wire(outputs, inputs);
    }

    /** The flat output-channel index at {@code upstream} of its channel over {@code edge} to {@code targetSubtask}. */
    private int outputIndexAt(TaskKey upstream, JobPlan.Edge edge, int targetSubtask) {
        int index = 0;
        for (JobPlan.Edge e : plan.outputsOf(upstream.vertex())) {
            List<Integer> targets = plan.targetsOf(e, upstream.subtask());
            if (e.equals(edge)) {
                return index + targets.indexOf(targetSubtask);
            }
            index += targets.size();
        }
        throw new IllegalStateException("no output channel from " + upstream + " over " + edge);
    }

    private List<ArmedFault> armedFaults(JobPlan.Vertex v, int subtask) {
        List<ArmedFault> armed = new ArrayList<>();
        for (ArmedFault f : settings.faults()) {
            if (firedFaults.contains(f.faultIndex()) || f.subtask() != subtask) {
                continue;
            }
            if (v.chain().stream().anyMatch(n -> n.uid().equals(f.operatorUid()))) {
                // plan times count from the job's start; tasks compare with the clock
                armed.add(f.atTime() == 0 ? f : new ArmedFault(f.faultIndex(), f.kind(), f.operatorUid(), f.subtask(),
                        f.atRecord(), f.atCheckpoint(), f.phase(), startMillis + f.atTime(), f.delay()));
            }
        }
        return armed;
    }

    private List<io.snapsim.runtime.fault.ChannelFault> channelFaults() {
        return settings.faultPlan().channels().stream()
                .map(f -> new io.snapsim.runtime.fault.ChannelFault(f.faultIndex(), f.kind(), f.from(), f.to(),
                        startMillis + f.atTime(), f.delay()))
                .toList();
    }

    // ---------------------------------------------------------------- failures and restarts

    private Behavior<MasterCommand> onTaskFailed(TaskFailed failed) {
        if (!deployments.isRunning(failed.attempt()) || ending || stopping) {
            // a failure of an attempt that is already being replaced belongs to the same failover;
            // a planned fault behind it stays armed, so that it still causes a failover of its own
            return this;
        }
        if (failed.faultIndex() >= 0) {
            firedFaults.add(failed.faultIndex());
        }
        return failOver(failed.message(), failed.faultIndex());
    }

    private Behavior<MasterCommand> onCheckpointFailureLimit(CheckpointFailureLimitExceeded exceeded) {
        return ending || deployments.pending() ? this : failOver(exceeded.message(), -1);
    }

    /** Fails the job over after {@code cause}; {@code faultIndex} is the planned fault behind it, or -1. */
    private Behavior<MasterCommand> failOver(String cause, int faultIndex) {
        int attempt = deployments.attempt();
        String text = "failure in attempt " + attempt + ": " + cause;
        event(new JobEvents.Failover(now(), ACTOR, attempt, faultIndex < 0 ? null : faultIndex, cause), text);
        stopTasks();
        coordinator.tell(new Suspend(attempt));
        OptionalLong delay = restartStrategy.onFailure(services.clock().millis());
        if (delay.isEmpty()) {
            return endJob(JobStatus.FAILED, "Recovery is suppressed by " + restartStrategy.describe()
                    + "; last failure: " + cause);
        }
        services.record(new JobEvents.RestartScheduled(now(), ACTOR, attempt, delay.getAsLong()));
        long timer = deployments.restartScheduled();
        timers.startSingleTimer("redeploy", new Redeploy(timer), Duration.ofMillis(delay.getAsLong()));
        return this;
    }

    private Behavior<MasterCommand> onRedeploy(Redeploy redeploy) {
        return ending ? this : perform(deployments.restartDue(redeploy.timer()));
    }

    private Behavior<MasterCommand> onRestoreFrom(RestoreFrom restore) {
        return ending ? this : perform(deployments.retained(restore.request(), restore.retainedNewestFirst()));
    }

    /**
     * Deploys from the newest retained checkpoint that is intact: its metadata reads and every state
     * file it refers to exists and matches its checksum. A damaged checkpoint is reported and skipped;
     * if every retained checkpoint is damaged the job fails with the reasons. With none retained the
     * job starts from the recovery path ({@code run -s}) or from scratch.
     */
    private Behavior<MasterCommand> deployFromRetained(int newAttempt, List<CompletedCheckpoint> newestFirst) {
        List<String> damaged = new ArrayList<>();
        for (CompletedCheckpoint c : newestFirst) {
            Path metadataFile = Path.of(c.metadataPath());
            CheckpointMetadata intact;
            try {
                intact = RestoreCheck.verifyIntact(metadataFile);
            } catch (RuntimeException e) {
                String reason = "checkpoint " + c.checkpointId() + " is damaged: " + e.getMessage();
                event(new JobEvents.CheckpointDamaged(now(), ACTOR, deployments.attempt(), c.checkpointId(),
                        e.getMessage()), reason);
                damaged.add(reason);
                continue;
            }
            deployWith(newAttempt, metadataFile, intact);
            return this;
        }
        if (!damaged.isEmpty()) {
            services.record(new JobEvents.NoIntactCheckpoint(now(), ACTOR, deployments.attempt(), damaged.size()));
            return endJob(JobStatus.FAILED, "no intact retained checkpoint to restore from: " + String.join("; ", damaged));
        }
        deployWith(newAttempt, settings.recoveryPath(), null);
        return this;
    }

    private static final String ACTOR = "master";

    /** An event for the history, and {@code text} for the console. */
    private void event(HistoryEvent event, String text) {
        services.record(event);
        events.accept(text);
    }

    private long now() {
        return services.now();
    }

    private Behavior<MasterCommand> onDiagnose(Diagnose diagnose) {
        List<java.util.concurrent.CompletionStage<String>> parts = new ArrayList<>();
        var scheduler = getContext().getSystem().scheduler();
        for (ActorRef<TaskCommand> t : tasks.values()) {
            parts.add(org.apache.pekko.actor.typed.javadsl.AskPattern.<TaskCommand, String>ask(t,
                    DescribeTask::new, Duration.ofSeconds(2), scheduler)
                    .exceptionally(e -> t.path().name() + ": no answer (" + e.getClass().getSimpleName() + ")"));
        }
        if (coordinator != null) {
            parts.add(org.apache.pekko.actor.typed.javadsl.AskPattern.<CoordinatorCommand, String>ask(
                    coordinator, DescribeCoordinator::new, Duration.ofSeconds(2), scheduler)
                    .exceptionally(e -> "coordinator: no answer"));
        }
        String head = "attempt " + deployments.attempt() + " (" + deployments + "), finished tasks "
                + finishedTasks.size() + "/" + plan.numberOfTasks() + ", ending=" + ending;
        CompletableFuture.allOf(parts.stream().map(java.util.concurrent.CompletionStage::toCompletableFuture)
                        .toArray(CompletableFuture[]::new))
                .thenRun(() -> diagnose.replyTo().tell(head + "\n  " + String.join("\n  ",
                        parts.stream().map(p -> p.toCompletableFuture().join()).toList())));
        return this;
    }

    private void stopTasks() {
        for (ActorRef<TaskCommand> t : tasks.values()) {
            getContext().stop(t);
        }
        tasks.clear();
    }

    // ---------------------------------------------------------------- the end

    private Behavior<MasterCommand> onTaskFinished(TaskFinished finished) {
        if (!deployments.isRunning(finished.attempt()) || ending) {
            return this;
        }
        if (stopping) {
            return onTaskStopped(new TaskStopped(finished.attempt(), finished.task()));
        }
        finishedTasks.add(finished.task());
        finished.finalKeyedState().forEach((op, states) -> {
            SortedMap<String, SortedMap<String, Object>> merged = finalState.computeIfAbsent(op, k -> new TreeMap<>());
            states.forEach((name, entries) -> merged.computeIfAbsent(name, k -> new TreeMap<>()).putAll(entries));
        });
        sourceRecords += finished.sourceRecords();
        sinkRecords += finished.sinkRecords();
        if (finishedTasks.size() == plan.numberOfTasks()) {
            return endJob(JobStatus.FINISHED, null);
        }
        return this;
    }

    private Behavior<MasterCommand> onPlannedCancel(PlannedCancel planned) {
        if (!ending) {
            services.record(new FaultInjected(now(), ACTOR, deployments.attempt(), settings.faultPlan().cancelIndex(),
                    "cancel", "job", null, null, "cancel as planned after " + completedCheckpoints + " completed checkpoint(s)"));
        }
        return onCancel(new Cancel());
    }

    private Behavior<MasterCommand> onCancel(Cancel cancel) {
        if (ending) {
            return this;
        }
        event(new JobEvents.Cancelled(now(), ACTOR, deployments.attempt(), completedCheckpoints),
                "cancel requested after " + completedCheckpoints + " completed checkpoint(s)");
        stopTasks();
        return endJob(JobStatus.CANCELED, null);
    }

    private Behavior<MasterCommand> endJob(JobStatus status, String failure) {
        ending = true;
        timers.cancelAll();
        if (coordinator == null) {
            result.complete(endedBeforeStart(status, failure));
            return Behaviors.stopped();
        }
        JobEnd end = switch (status) {
            case FINISHED -> JobEnd.FINISHED;
            case FAILED -> JobEnd.FAILED;
            case CANCELED -> JobEnd.CANCELED;
        };
        ActorRef<Report> replyTo = getContext().messageAdapter(
                Report.class, report -> new Ended(status, failure, report));
        coordinator.tell(new JobEnded(end, replyTo));
        return this;
    }

    /** The job ended: stop what runs, and complete the result once every task actor has terminated. */
    private Behavior<MasterCommand> onEnded(Ended ended) {
        stopTasks();
        endedAwaitingTasks = ended;
        return liveTaskActors == 0 ? complete(ended) : this;
    }

    private Behavior<MasterCommand> onTaskTerminated(TaskTerminated terminated) {
        liveTaskActors--;
        return liveTaskActors == 0 && endedAwaitingTasks != null ? complete(endedAwaitingTasks) : this;
    }

    private Behavior<MasterCommand> complete(Ended ended) {
        services.record(new JobEvents.Ended(now(), ACTOR, deployments.attempt(), ended.status().name().toLowerCase(),
                ended.failure()));
        var report = ended.report();
        JobResult jobResult = new JobResult(settings.jobId(), plan.graph().jobName(), ended.status(), ended.failure(),
                restarts, sourceRecords, sinkRecords,
                report == null ? null : report.counts(),
                report == null ? List.of() : report.history(),
                ended.status() == JobStatus.FINISHED ? finalState : new TreeMap<>(),
                report == null ? null : report.latestCompletedPath(),
                services.clock().millis() - startMillis, settings.restoredFrom());
        result.complete(jobResult);
        return Behaviors.stopped();
    }
}
