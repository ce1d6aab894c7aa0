package io.snapsim.runtime.job;

import io.snapsim.core.api.ExternalizedCheckpointCleanup.JobEnd;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.fault.AttemptFaults;
import io.snapsim.runtime.job.MasterMessages.CoordinatorReported;
import io.snapsim.runtime.job.MasterMessages.Diagnosed;
import io.snapsim.runtime.job.MasterMessages.JournalReady;
import io.snapsim.runtime.job.MasterMessages.Redeploy;
import io.snapsim.runtime.job.MasterMessages.RestoreFrom;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.JobControl.Diagnose;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.CoordinatorCrashed;
import io.snapsim.runtime.protocol.MasterCoordination.Deployed;
import io.snapsim.runtime.protocol.MasterCoordination.DescribeCoordinator;
import io.snapsim.runtime.protocol.MasterCoordination.GetRetained;
import io.snapsim.runtime.protocol.MasterCoordination.JobEnded;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import io.snapsim.runtime.protocol.MasterCoordination.RetainedCheckpoints;
import io.snapsim.runtime.protocol.MasterCoordination.SavepointCompleted;
import io.snapsim.runtime.protocol.MasterCoordination.Suspend;
import io.snapsim.runtime.protocol.MasterCoordination.TriggerSavepoint;
import io.snapsim.runtime.protocol.TaskLifecycle.Start;
import io.snapsim.runtime.protocol.TaskLifecycle.StopGracefully;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.store.JournalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The job master: deploys one task actor per subtask of every chain and the checkpoint coordinator,
 * wires the channels, and handles the job's life: a failed task fails the whole job, the restart
 * strategy decides whether and when to redeploy, and every redeployment restores all tasks from the
 * latest completed checkpoint. At the end it applies the retention policy (through the
 * coordinator) and completes the job's result.
 *
 * <p>Its life is a sequence of phases, one behaviour each: {@link WaitingForJournal}, then
 * {@link StartingCoordinator}, then {@link Running} (or {@link Stopping} after a
 * stop-with-savepoint) and {@link Restarting} in turn, then {@link Ending} and {@link Ended}. A
 * phase handles what may reach it and drops what is stale there. This class is what the phases
 * share: the job's actors ({@link CoordinatorActors}, {@link TaskActors}), its bookkeeping
 * ({@link PlannedActions}, {@link FinishedTasks}) and the effects every phase may need (deploy,
 * fail over, end; each recorded in the history). The decisions are pure classes:
 * {@link Deployments} (which deployment is pending), {@link Failover} (restart or not, restore
 * what), {@link Deployment} (the tasks of an attempt), {@link ChannelWiring} and
 * {@link AttemptFaults}.
 *
 * <p>Confined to the actor: every method runs in a message handler of the master's current phase.
 */
public final class JobMaster {
    static final String ACTOR = "master";

    private final ActorContext<MasterCommand> context;
    private final TimerScheduler<MasterCommand> timers;
    private final JobPlan plan;
    private final JobRunSettings settings;
    private final RuntimeServices services;
    private final CompletableFuture<JobResult> result;
    private final Consumer<String> events;
    private final FsCheckpointStorage storage;
    private final long startMillis;
    /** Which attempt runs, and the one (re)deployment that may be pending. */
    private final Deployments deployments = new Deployments();
    private final AttemptFaults faults;
    private final Failover failover;
    private final TaskActors tasks;
    private final PlannedActions planned;
    private final FinishedTasks finished = new FinishedTasks();
    private final CoordinatorActors coordinators;
    private int restarts;

    private JobMaster(ActorContext<MasterCommand> context, TimerScheduler<MasterCommand> timers, JobPlan plan,
                      JobRunSettings settings, RuntimeServices services, CompletableFuture<JobResult> result,
                      Consumer<String> events) {
        this.context = context;
        this.timers = timers;
        this.plan = plan;
        this.settings = settings;
        this.services = services;
        this.result = result;
        this.events = events;
        this.startMillis = services.clock().millis();
        services.record(plan.describe(startMillis, ACTOR)); // the job as it runs: what reports draw
        this.storage = settings.checkpointing()
                ? new FsCheckpointStorage(settings.checkpointsDirectory(), settings.jobId(), settings.inlineThresholdBytes())
                : null;
        if (storage != null) {
            storage.initializeJobDirectories();
        }
        this.faults = new AttemptFaults(settings.faultPlan(), startMillis);
        this.failover = new Failover(settings.restartStrategy(), Failover.restoreChecks(plan.graph(), settings),
                settings.recoveryPath());
        this.coordinators = new CoordinatorActors(context, plan, settings, services, storage);
        this.tasks = new TaskActors(context, plan, settings, services, storage);
        this.planned = new PlannedActions(settings.faultPlan(), timers, context.getSelf());
        context.pipeToSelf(JournalSettings.prepare(context.getSystem()), (done, err) -> new JournalReady(err));
    }

    /** The job master of {@code plan}: it completes {@code result} when the job ended, and prints to {@code events}. */
    public static Behavior<MasterCommand> create(JobPlan plan, JobRunSettings settings, RuntimeServices services,
                                                 CompletableFuture<JobResult> result, Consumer<String> events) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new WaitingForJournal(new JobMaster(ctx, timers, plan, settings, services, result, events))));
    }

    ActorContext<MasterCommand> context() {
        return context;
    }

    Deployments deployments() {
        return deployments;
    }

    AttemptFaults faults() {
        return faults;
    }

    TaskActors tasks() {
        return tasks;
    }

    PlannedActions planned() {
        return planned;
    }

    // ---------------------------------------------------------------- the coordinator

    /** Starts the next incarnation of the coordinator (and its store); it answers with CoordinatorReady. */
    void startCoordinator() {
        coordinators.start(deployments.coordinatorStarting(), faults.coordinator());
    }

    private ActorRef<CoordinatorCommand> coordinator() {
        return coordinators.coordinator();
    }

    /** The coordinator crashed as planned: stop the running attempt and start a new coordinator, which redeploys. */
    void restartCoordinator(CoordinatorCrashed crashed) {
        faults.fired(crashed.faultIndex());
        event(new JobEvents.CoordinatorCrashed(now(), ACTOR, deployments.attempt(), crashed.faultIndex(),
                crashed.message()), crashed.message());
        tasks.stopAll();
        coordinators.stop();
        // answers with CoordinatorReady; a restart already scheduled stays the only pending redeployment
        startCoordinator();
    }

    /** Asks the coordinator for the checkpoints it retains; the answer comes back as {@link RestoreFrom}. */
    void askRetained(long request) {
        // a message adapter, not an ask: an ask's callbacks may run on a thread of their own
        ActorRef<RetainedCheckpoints> replyTo = context.messageAdapter(
                RetainedCheckpoints.class, r -> new RestoreFrom(request, r.newestFirst()));
        coordinator().tell(new GetRetained(replyTo));
    }

    // ---------------------------------------------------------------- deployment

    /**
     * Deploys {@code attempt} from where {@link Failover#startFrom} says (recording the damaged
     * checkpoints it skipped) and returns {@code deployed}, the phase of the new attempt; or ends
     * the job when no snapshot it must restore can be used.
     */
    Behavior<MasterCommand> deployFromRetained(int attempt, List<CompletedCheckpoint> newestFirst,
                                               Supplier<Behavior<MasterCommand>> deployed) {
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
        deploy(Deployment.of(plan, attempt, restores, faults));
        return deployed.get();
    }

    /** Spawns the attempt's tasks, tells the coordinator which run, and starts them. */
    private void deploy(Deployment deployment) {
        int attempt = deployment.attempt();
        if (attempt > 0) {
            restarts++;
        }
        finished.attemptDeployed();
        Long restored = deployment.restoredCheckpoint();
        event(new JobEvents.Deployed(now(), ACTOR, attempt, plan.numberOfTasks(), restored), restored == null
                ? "deploy attempt " + attempt + " (fresh start)"
                : "deploy attempt " + attempt + " restoring checkpoint " + restored);
        tasks.spawn(deployment, faults.channels(), coordinator());
        coordinator().tell(new Deployed(attempt, tasks.running(), deployment.sources(), restored == null ? -1 : restored));
        tasks.tellAll(new Start());
    }

    /** A task of the running attempt finished; true when all tasks of the job have. */
    boolean taskFinished(TaskFinished task) {
        return finished.taskFinished(task, plan.numberOfTasks());
    }

    // ---------------------------------------------------------------- failures

    /**
     * Fails the running attempt over after {@code cause} ({@code faultIndex}: the planned fault
     * behind it, or -1): stop its tasks, suspend the coordinator, and either schedule the
     * redeployment and return {@code restarting}, or end the job when the restart strategy says no.
     */
    Behavior<MasterCommand> failOver(String cause, int faultIndex, Supplier<Behavior<MasterCommand>> restarting) {
        int attempt = deployments.attempt();
        event(new JobEvents.Failover(now(), ACTOR, attempt, faultIndex < 0 ? null : faultIndex, cause),
                "failure in attempt " + attempt + ": " + cause);
        tasks.stopAll();
        coordinator().tell(new Suspend(attempt));
        Failover.AfterFailure next = failover.afterFailure(cause, services.clock().millis());
        if (next instanceof Failover.Suppressed suppressed) {
            return endJob(JobStatus.FAILED, suppressed.failure());
        }
        long delay = ((Failover.Restart) next).delayMillis();
        services.record(new JobEvents.RestartScheduled(now(), ACTOR, attempt, delay));
        long timer = deployments.restartScheduled();
        timers.startSingleTimer("redeploy", new Redeploy(timer), Duration.ofMillis(delay));
        return restarting.get();
    }

    // ---------------------------------------------------------------- planned actions, savepoints

    void triggerPlannedSavepoint() {
        boolean stop = settings.faultPlan().savepoint().stop();
        services.record(new FaultInjected(now(), ACTOR, deployments.attempt(), settings.faultPlan().savepointIndex(),
                "savepoint", "job", null, null, "savepoint triggered as planned" + (stop ? " (stop-with-savepoint)" : "")));
        triggerSavepoint(stop);
    }

    void triggerSavepoint(boolean stop) {
        coordinator().tell(new TriggerSavepoint(stop));
    }

    void savepointTaken(SavepointCompleted done) {
        event(new JobEvents.SavepointTaken(now(), ACTOR, deployments.attempt(), done.checkpointId(),
                Path.of(done.metadataPath()).getParent().getFileName().toString()),
                "savepoint " + done.checkpointId() + " completed: " + done.metadataPath());
    }

    /** Stop-with-savepoint: every task stops once it has handled what its mailbox holds. */
    void stopGracefully(long savepointId) {
        event(new JobEvents.Stopping(now(), ACTOR, deployments.attempt(), savepointId),
                "stopping the job after savepoint " + savepointId);
        // a message, not context.stop: each task first handles the savepoint's completion notice
        // already in its mailbox, so the sinks commit what the savepoint covers
        tasks.tellAll(new StopGracefully(deployments.attempt()));
    }

    void recordPlannedCancel() {
        services.record(new FaultInjected(now(), ACTOR, deployments.attempt(), settings.faultPlan().cancelIndex(),
                "cancel", "job", null, null,
                "cancel as planned after " + planned.completedCheckpoints() + " completed checkpoint(s)"));
    }

    /** A cancel: recorded, and the running attempt's tasks stop. */
    void cancelTasks() {
        event(new JobEvents.Cancelled(now(), ACTOR, deployments.attempt(), planned.completedCheckpoints()),
                "cancel requested after " + planned.completedCheckpoints() + " completed checkpoint(s)");
        tasks.stopAll();
    }

    // ---------------------------------------------------------------- the end

    /** The job ends with {@code status}: the coordinator applies the retention policy and reports. */
    Behavior<MasterCommand> endJob(JobStatus status, String failure) {
        timers.cancelAll();
        JobEnd end = switch (status) {
            case FINISHED -> JobEnd.FINISHED;
            case FAILED -> JobEnd.FAILED;
            case CANCELED -> JobEnd.CANCELED;
        };
        ActorRef<Report> replyTo = context.messageAdapter(
                Report.class, report -> new CoordinatorReported(status, failure, report));
        coordinator().tell(new JobEnded(end, replyTo));
        return new Ending(this);
    }

    /** The job ends before any coordinator started: nothing ran, nothing to retain. */
    Behavior<MasterCommand> endBeforeStart(JobStatus status, String failure) {
        timers.cancelAll();
        result.complete(new JobResult(settings.jobId(), plan.graph().jobName(), status, failure, 0, 0, 0, null,
                List.of(), new TreeMap<>(), null, 0, settings.restoredFrom()));
        return Behaviors.stopped();
    }

    /** The coordinator reported: stop what runs; the result waits until every task actor terminated. */
    Behavior<MasterCommand> coordinatorReported(CoordinatorReported reported) {
        tasks.stopAll();
        return tasks.anyAlive() ? new Ended(this, reported) : complete(reported);
    }

    /** Completes the job's result and stops the master. */
    Behavior<MasterCommand> complete(CoordinatorReported ended) {
        services.record(new JobEvents.Ended(now(), ACTOR, deployments.attempt(), ended.status().name().toLowerCase(),
                ended.failure()));
        Report report = ended.report();
        JobResult jobResult = new JobResult(settings.jobId(), plan.graph().jobName(), ended.status(), ended.failure(),
                restarts, finished.sourceRecords(), finished.sinkRecords(),
                report == null ? null : report.counts(),
                report == null ? List.of() : report.history(),
                ended.status() == JobStatus.FINISHED ? finished.finalState() : new TreeMap<>(),
                report == null ? null : report.latestCompletedPath(),
                services.clock().millis() - startMillis, settings.restoredFrom());
        result.complete(jobResult);
        return Behaviors.stopped();
    }

    // ---------------------------------------------------------------- diagnosis

    /**
     * Asks every task of the running attempt and the coordinator to describe themselves; the
     * answers come back as {@link Diagnosed} (piped to the master, so that it replies from its own
     * thread). An actor that does not answer within two seconds is named as such.
     */
    void diagnose(Diagnose diagnose, String phase) {
        Duration timeout = Duration.ofSeconds(2);
        List<CompletableFuture<String>> parts = new ArrayList<>(tasks.describe(timeout));
        if (coordinator() != null) {
            parts.add(AskPattern.<CoordinatorCommand, String>ask(coordinator(), DescribeCoordinator::new, timeout,
                    context.getSystem().scheduler()).exceptionally(e -> "coordinator: no answer").toCompletableFuture());
        }
        String head = "attempt " + deployments.attempt() + " (" + deployments + "), finished tasks "
                + finished.count() + "/" + plan.numberOfTasks() + ", " + phase;
        context.pipeToSelf(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)),
                (done, failure) -> new Diagnosed(diagnose.replyTo(), head, parts));
    }

    void diagnosed(Diagnosed diagnosed) {
        List<String> lines = diagnosed.parts().stream().map(CompletableFuture::join).toList();
        diagnosed.replyTo().tell(diagnosed.head() + "\n  " + String.join("\n  ", lines));
    }

    // ---------------------------------------------------------------- history

    /** An event for the history, and {@code text} for the console. */
    private void event(HistoryEvent event, String text) {
        services.record(event);
        events.accept(text);
    }

    private long now() {
        return services.now();
    }
}
