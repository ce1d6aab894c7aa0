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
import io.snapsim.core.storage.CheckpointMetadata;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.coordinator.CheckpointCoordinatorActor;
import io.snapsim.runtime.fault.AttemptFaults;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.job.Deployment.TaskDeployment;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.JobControl.Cancel;
import io.snapsim.runtime.protocol.JobControl.Diagnose;
import io.snapsim.runtime.protocol.JobControl.TriggerSavepointNow;
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
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.DescribeTask;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.StopGracefully;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFailed;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskStopped;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.CompletedCheckpointStore;
import io.snapsim.runtime.store.JournalSettings;
import io.snapsim.runtime.task.TaskActor;
import io.snapsim.runtime.task.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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

    /** Every part of a diagnosis answered (or gave up): {@code parts} are complete. */
    private record Diagnosed(ActorRef<String> replyTo, String head, List<CompletableFuture<String>> parts)
            implements MasterCommand.Internal {
    }

    private final JobPlan plan;
    private final JobRunSettings settings;
    private final RuntimeServices services;
    private final CompletableFuture<JobResult> result;
    private final Consumer<String> events;
    private final TimerScheduler<MasterCommand> timers;
    private final FsCheckpointStorage storage;
    private final AttemptFaults faults;
    private final Failover failover;
    private final ChannelWiring wiring;
    private ActorRef<CoordinatorCommand> coordinator;
    private ActorRef<CompletedCheckpointStore.Command> store;
    private long completedCheckpoints;
    private String savepointPath;
    private boolean stopping;
    private final Set<TaskKey> stoppedTasks = new HashSet<>();
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
        this.faults = new AttemptFaults(settings.faultPlan(), startMillis);
        this.failover = new Failover(settings.restartStrategy(), snapshotChecks(plan, settings), settings.recoveryPath());
        this.wiring = new ChannelWiring(plan);
        context.pipeToSelf(JournalSettings.prepare(context.getSystem()), (done, err) -> new JournalReady(err));
    }

    private static Failover.SnapshotChecks snapshotChecks(JobPlan plan, JobRunSettings settings) {
        return new Failover.SnapshotChecks() {
            @Override
            public CheckpointMetadata readIntact(Path metadataFile) {
                return RestoreCheck.verifyIntact(metadataFile);
            }

            @Override
            public void checkFits(CheckpointMetadata metadata, Path metadataFile) {
                RestoreCheck.check(metadata, metadataFile, plan.graph(), settings.allowNonRestoredState(),
                        settings.stateBackend());
            }
        };
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
        Map<String, CheckpointCoordinatorActor.OperatorInfo> operators = new TreeMap<>();
        for (ResolvedNode n : plan.graph().nodes()) {
            operators.put(n.uid(), new CheckpointCoordinatorActor.OperatorInfo(n.uid(), n.name(), n.parallelism(),
                    n.maxParallelism()));
        }
        this.coordinator = context.spawn(CheckpointCoordinatorActor.create(
                new CheckpointCoordinatorActor.Settings(settings.coordinatorConfig(), settings.retention(),
                        settings.jobId(), storage, operators, faults.coordinator(), settings.savepointsDirectory(),
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
        faults.fired(crashed.faultIndex());
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
        faults.fired(damaged.faultIndex());
        // while a redeployment is pending it restores from an intact checkpoint anyway
        return deployments.pending() ? this : failOver(damaged.message(), damaged.faultIndex());
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
                .onMessage(Diagnosed.class, this::onDiagnosed)
                .onMessage(CoordinatorCrashed.class, this::onCoordinatorCrashed)
                .onMessage(CheckpointDamaged.class, this::onCheckpointDamaged)
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

    /** Spawns and watches the attempt's tasks, wires them, tells the coordinator, and starts them. */
    private void deploy(Deployment deployment) {
        int attempt = deployment.attempt();
        if (attempt > 0) {
            restarts++;
        }
        finishedTasks.clear();
        finalState.clear();
        tasks.clear();
        Long restored = deployment.restoredCheckpoint();
        event(new JobEvents.Deployed(now(), ACTOR, attempt, plan.numberOfTasks(), restored), restored == null
                ? "deploy attempt " + attempt + " (fresh start)"
                : "deploy attempt " + attempt + " restoring checkpoint " + restored);
        List<ChannelFault> channelFaults = faults.channels();
        for (TaskDeployment t : deployment.tasks()) {
            ActorRef<TaskCommand> task = getContext().spawn(TaskActor.create(taskSpec(attempt, t, channelFaults)),
                    t.actorName(attempt));
            getContext().watchWith(task, new TaskTerminated());
            liveTaskActors++;
            tasks.put(t.key(), task);
        }
        for (Map.Entry<TaskKey, ActorRef<TaskCommand>> e : tasks.entrySet()) {
            e.getValue().tell(wiring.of(e.getKey()).toWire(tasks));
        }
        coordinator.tell(new Deployed(attempt, Map.copyOf(tasks), deployment.sources(), restored == null ? -1 : restored));
        for (ActorRef<TaskCommand> t : tasks.values()) {
            t.tell(new Start());
        }
    }

    private TaskSpec taskSpec(int attempt, TaskDeployment t, List<ChannelFault> channelFaults) {
        int[] inputOfChannel = t.inputOfChannel().stream().mapToInt(Integer::intValue).toArray();
        return new TaskSpec(plan, attempt, t.vertex(), t.subtask(), inputOfChannel, settings.checkpointing(),
                settings.mode(), settings.batchSize(), settings.credits(), storage, t.restore(), t.faults(), channelFaults,
                settings.stateBackend(), settings.incrementalCheckpoints(), settings.jobId(), services, coordinator,
                getContext().getSelf());
    }

    // ---------------------------------------------------------------- failures and restarts

    private Behavior<MasterCommand> onTaskFailed(TaskFailed failed) {
        if (!deployments.isRunning(failed.attempt()) || ending || stopping) {
            // a failure of an attempt that is already being replaced belongs to the same failover;
            // a planned fault behind it stays armed, so that it still causes a failover of its own
            return this;
        }
        if (failed.faultIndex() >= 0) {
            faults.fired(failed.faultIndex());
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
        Failover.AfterFailure next = failover.afterFailure(cause, services.clock().millis());
        if (next instanceof Failover.Suppressed suppressed) {
            return endJob(JobStatus.FAILED, suppressed.failure());
        }
        long delay = ((Failover.Restart) next).delayMillis();
        services.record(new JobEvents.RestartScheduled(now(), ACTOR, attempt, delay));
        long timer = deployments.restartScheduled();
        timers.startSingleTimer("redeploy", new Redeploy(timer), Duration.ofMillis(delay));
        return this;
    }

    private Behavior<MasterCommand> onRedeploy(Redeploy redeploy) {
        return ending ? this : perform(deployments.restartDue(redeploy.timer()));
    }

    private Behavior<MasterCommand> onRestoreFrom(RestoreFrom restore) {
        return ending ? this : perform(deployments.retained(restore.request(), restore.retainedNewestFirst()));
    }

    /**
     * Deploys {@code newAttempt} from where {@link Failover#startFrom} says (recording the damaged
     * checkpoints it skipped), or ends the job when no snapshot it must restore can be used.
     */
    private Behavior<MasterCommand> deployFromRetained(int newAttempt, List<CompletedCheckpoint> newestFirst) {
        Failover.Choice choice = failover.startFrom(newestFirst);
        for (Failover.DamagedCheckpoint d : choice.damaged()) {
            event(new JobEvents.CheckpointDamaged(now(), ACTOR, deployments.attempt(), d.checkpointId(), d.problem()),
                    d.reason());
        }
        Failover.Start start = choice.start();
        if (start instanceof Failover.NoIntactCheckpoint none) {
            services.record(new JobEvents.NoIntactCheckpoint(now(), ACTOR, deployments.attempt(), choice.damaged().size()));
            return endJob(JobStatus.FAILED, none.failure());
        }
        if (start instanceof Failover.Unrestorable refused) {
            return endJob(JobStatus.FAILED, refused.failure());
        }
        Restores restores = start instanceof Failover.FromSnapshot from
                ? new Restores(from.metadataFile(), from.metadata(), plan) : null;
        deploy(Deployment.of(plan, newAttempt, restores, faults));
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

    /**
     * Asks every task of the running attempt and the coordinator to describe themselves; the
     * answers come back as {@link Diagnosed} (piped to the master, so that it replies from its own
     * thread). An actor that does not answer within two seconds is named as such.
     */
    private Behavior<MasterCommand> onDiagnose(Diagnose diagnose) {
        Duration timeout = Duration.ofSeconds(2);
        Scheduler scheduler = getContext().getSystem().scheduler();
        List<CompletableFuture<String>> parts = new ArrayList<>();
        for (ActorRef<TaskCommand> t : tasks.values()) {
            parts.add(AskPattern.<TaskCommand, String>ask(t, DescribeTask::new, timeout, scheduler)
                    .exceptionally(e -> t.path().name() + ": no answer (" + e.getClass().getSimpleName() + ")")
                    .toCompletableFuture());
        }
        if (coordinator != null) {
            parts.add(AskPattern.<CoordinatorCommand, String>ask(coordinator, DescribeCoordinator::new, timeout, scheduler)
                    .exceptionally(e -> "coordinator: no answer").toCompletableFuture());
        }
        String head = "attempt " + deployments.attempt() + " (" + deployments + "), finished tasks "
                + finishedTasks.size() + "/" + plan.numberOfTasks() + ", ending=" + ending;
        getContext().pipeToSelf(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)),
                (done, failure) -> new Diagnosed(diagnose.replyTo(), head, parts));
        return this;
    }

    private Behavior<MasterCommand> onDiagnosed(Diagnosed diagnosed) {
        List<String> lines = diagnosed.parts().stream().map(CompletableFuture::join).toList();
        diagnosed.replyTo().tell(diagnosed.head() + "\n  " + String.join("\n  ", lines));
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
