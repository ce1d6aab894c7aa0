package io.snapsim.runtime.job;

import io.snapsim.core.storage.FsCheckpointStorage;
import io.snapsim.runtime.fault.ChannelFault;
import io.snapsim.runtime.job.Deployment.TaskDeployment;
import io.snapsim.runtime.job.MasterMessages.TaskTerminated;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.CoordinatorCommand;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.DescribeTask;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.task.TaskActor;
import io.snapsim.runtime.task.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The job's task actors: those of the running attempt, by task and in deployment order, and the
 * number of task actors of any attempt that have not terminated yet. It spawns an attempt's tasks
 * (watched: the master gets a {@link TaskTerminated} for each), wires them, tells them and stops
 * them. Once stopped or forgotten, an attempt's actors are no longer the running ones, but they
 * count as alive until they terminated.
 *
 * <p>Not thread-safe: confined to the job master.
 */
final class TaskActors {
    private final ActorContext<MasterCommand> context;
    private final JobPlan plan;
    private final JobRunSettings settings;
    private final RuntimeServices services;
    private final FsCheckpointStorage storage;
    private final ChannelWiring wiring;
    private final Map<TaskKey, ActorRef<TaskCommand>> running = new LinkedHashMap<>();
    private int alive;

    /** @param storage where tasks write their state; null when checkpointing is off */
    TaskActors(ActorContext<MasterCommand> context, JobPlan plan, JobRunSettings settings, RuntimeServices services,
               FsCheckpointStorage storage) {
        this.context = context;
        this.plan = plan;
        this.settings = settings;
        this.services = services;
        this.storage = storage;
        this.wiring = new ChannelWiring(plan);
    }

    /**
     * Spawns and watches the tasks of {@code deployment}, which report to {@code coordinator}, and
     * wires them; they become the running ones. They start when told so.
     */
    void spawn(Deployment deployment, List<ChannelFault> channelFaults, ActorRef<CoordinatorCommand> coordinator) {
        running.clear();
        for (TaskDeployment t : deployment.tasks()) {
            TaskSpec spec = taskSpec(deployment.attempt(), t, channelFaults, coordinator);
            ActorRef<TaskCommand> task = context.spawn(TaskActor.create(spec), t.actorName(deployment.attempt()));
            context.watchWith(task, new TaskTerminated());
            alive++;
            running.put(t.key(), task);
        }
        for (Map.Entry<TaskKey, ActorRef<TaskCommand>> e : running.entrySet()) {
            e.getValue().tell(wiring.of(e.getKey()).toWire(running));
        }
    }

    private TaskSpec taskSpec(int attempt, TaskDeployment t, List<ChannelFault> channelFaults,
                              ActorRef<CoordinatorCommand> coordinator) {
        int[] inputOfChannel = t.inputOfChannel().stream().mapToInt(Integer::intValue).toArray();
        return new TaskSpec(plan, attempt, t.vertex(), t.subtask(), inputOfChannel, settings.checkpointing(),
                settings.mode(), settings.batchSize(), settings.credits(), storage, t.restore(), t.faults(), channelFaults,
                settings.stateBackend(), settings.incrementalCheckpoints(), settings.jobId(), services, coordinator,
                context.getSelf());
    }

    /** The running tasks, for the coordinator. */
    Map<TaskKey, ActorRef<TaskCommand>> running() {
        return Map.copyOf(running);
    }

    int runningCount() {
        return running.size();
    }

    void tellAll(TaskCommand command) {
        for (ActorRef<TaskCommand> task : running.values()) {
            task.tell(command);
        }
    }

    /** Stops the running tasks now; none runs afterwards. */
    void stopAll() {
        for (ActorRef<TaskCommand> task : running.values()) {
            context.stop(task);
        }
        running.clear();
    }

    /** The running tasks stopped by themselves (stop-with-savepoint): nothing is left to stop. */
    void forget() {
        running.clear();
    }

    /** A task actor of some attempt terminated. */
    void terminated() {
        alive--;
    }

    /** True while a task actor of some attempt has not terminated. */
    boolean anyAlive() {
        return alive > 0;
    }

    /** Each running task's description, or its name and why it gave none within {@code timeout}. */
    List<CompletableFuture<String>> describe(Duration timeout) {
        Scheduler scheduler = context.getSystem().scheduler();
        List<CompletableFuture<String>> parts = new ArrayList<>();
        for (ActorRef<TaskCommand> t : running.values()) {
            parts.add(AskPattern.<TaskCommand, String>ask(t, DescribeTask::new, timeout, scheduler)
                    .exceptionally(e -> t.path().name() + ": no answer (" + e.getClass().getSimpleName() + ")")
                    .toCompletableFuture());
        }
        return parts;
    }
}
