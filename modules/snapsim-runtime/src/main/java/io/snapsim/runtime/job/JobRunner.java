package io.snapsim.runtime.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.snapsim.core.backend.StateBackends;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.storage.FileTrees;
import io.snapsim.runtime.logging.ActorSystemLogging;
import io.snapsim.runtime.plan.JobPlan;
import io.snapsim.runtime.protocol.JobControl;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.services.RuntimeServices;
import io.snapsim.runtime.services.SystemClock;
import io.snapsim.runtime.store.JournalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Starts a job in live execution: one actor system per job (named after the job id), the job master
 * as its guardian, a small thread pool for storage I/O, and the coordinator's durable journal (an
 * H2 database under {@code {checkpoints-dir}/{job-id}/journal/}), or the in-memory journal when
 * asked or when checkpointing is off. When the job ends the actor system is terminated and the
 * journal removed: a finished, cancelled or failed job is terminal.
 */
public final class JobRunner {
    /** Which journal the completed-checkpoint store uses. */
    public enum Journal { DURABLE, IN_MEMORY }

    private JobRunner() {
    }

    public static RunningJob start(JobGraph graph, JobRunSettings settings, Journal journal, long seed,
                                   Consumer<String> events) {
        return start(graph, settings, journal, seed, events, io.snapsim.core.history.History.NONE);
    }

    /** As {@link #start(JobGraph, JobRunSettings, Journal, long, Consumer)}, appending every event to {@code history}. */
    public static RunningJob start(JobGraph graph, JobRunSettings settings, Journal journal, long seed,
                                   Consumer<String> events, io.snapsim.core.history.History history) {
        JobPlan plan = JobPlan.of(RestoreCheck.withSnapshotMaxParallelism(graph, settings.recoveryPath()));
        Path journalDir = settings.checkpointing() && journal == Journal.DURABLE
                ? settings.checkpointsDirectory().resolve(settings.jobId()).resolve("journal") : null;
        Config journalConfig = journalDir == null ? JournalSettings.inMemory()
                : JournalSettings.jdbcH2(journalDir.resolve("checkpoint-store"));
        Config config = systemConfig(journalConfig);
        ExecutorService io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "snapsim-io-" + settings.jobId());
            t.setDaemon(true);
            return t;
        });
        RuntimeServices services = new RuntimeServices(new SystemClock(), io, seeded(seed), history);
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        ActorSystemLogging.bindSlf4j();
        ActorSystem<MasterCommand> system = ActorSystem.create(
                JobMaster.create(plan, settings, services, result, events), "job-" + settings.jobId(), config);
        failWhenStopped(system, result);
        CompletableFuture<JobResult> cleanedUp = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            system.terminate();
            terminatedOrGivenUp(system, TERMINATION_WAIT).whenComplete((done, err) -> {
                io.shutdown();
                try {
                    io.awaitTermination(10, TimeUnit.SECONDS);
                    if (journalDir != null) {
                        FileTrees.deleteRecursively(journalDir);
                    }
                    deleteJobFolderIfEmpty(settings);
                    StateBackends.localStateRoots(settings.jobId()).forEach(JobRunner::deleteIfEmpty);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException cleanupFailure) {
                    // the job's result stands; a journal that could not be removed is left on disk
                }
                if (e != null) {
                    cleanedUp.completeExceptionally(e);
                } else {
                    cleanedUp.complete(r);
                }
            });
        });
        return new RunningJob(system, cleanedUp);
    }

    /** How long a job's end waits for its actor system to stop before cleaning up anyway. */
    static final Duration TERMINATION_WAIT = Duration.ofSeconds(30);

    /**
     * Completes when {@code system} has terminated, or after {@code wait} when it does not: an actor
     * system stopped by a fatal error may never finish terminating.
     */
    static CompletableFuture<Void> terminatedOrGivenUp(ActorSystem<?> system, Duration wait) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        system.getWhenTerminated().whenComplete((done, e) -> stopped.complete(null));
        return stopped.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The configuration of a live job's actor system: {@code journalConfig} over the application's.
     * A fatal error on one of its threads (an OutOfMemoryError in the job master, say) stops the
     * actor system instead of exiting the JVM with Pekko's status 255
     * ({@code pekko.jvm-exit-on-fatal-error = off}, which the application cannot turn back on): the
     * caller gets an exception and decides how the process ends.
     */
    static Config systemConfig(Config journalConfig) {
        return ConfigFactory.parseMap(Map.of("pekko.jvm-exit-on-fatal-error", "off"), "snapsim JobRunner")
                .withFallback(journalConfig).withFallback(ActorSystemLogging.config(JobRunner.class.getClassLoader()));
    }

    /**
     * Fails {@code result}, unless it is done already, when {@code system} stops: a job whose actor
     * system stopped under it (a fatal error) ends with an exception instead of never ending.
     */
    static <T> void failWhenStopped(ActorSystem<?> system, CompletableFuture<T> result) {
        // The first phase of the system's shutdown, which also runs when a fatal error stops it (its
        // termination may then never complete: the failed actor cannot stop).
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "fail-unended-job", () -> {
            result.completeExceptionally(new IllegalStateException("the actor system " + system.name()
                    + " stopped before its job ended (a fatal error on one of its threads, printed above)"));
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    /** Virtual time each task run costs in deterministic execution (a mailbox run, usually one batch). */
    public static final long DETERMINISTIC_STEP_COST_MICROS = 100;
    /** A deterministic run that has not ended by this virtual time is stopped and judged UNKNOWN. */
    public static final long DETERMINISTIC_HORIZON_MILLIS = 24L * 60 * 60 * 1000;

    /**
     * Runs a job in deterministic execution on the calling thread: one mailbox at a time, picked by a
     * random generator seeded with {@code seed}, under virtual time (every task run costs
     * {@link #DETERMINISTIC_STEP_COST_MICROS}), with the in-memory journal and storage I/O on the
     * same executor. The same graph, settings and seed give the same run, event for event.
     *
     * @return the result, or empty when the run did not end before {@code horizonMillis} of virtual time
     */
    public static java.util.Optional<JobResult> runDeterministic(JobGraph graph, JobRunSettings settings, long seed,
                                                                 Consumer<String> events, long horizonMillis) {
        return runDeterministic(graph, settings, seed, events, horizonMillis, io.snapsim.core.history.History.NONE);
    }

    /** As {@link #runDeterministic(JobGraph, JobRunSettings, long, Consumer, long)}, appending every event to {@code history}. */
    public static java.util.Optional<JobResult> runDeterministic(JobGraph graph, JobRunSettings settings, long seed,
                                                                 Consumer<String> events, long horizonMillis,
                                                                 io.snapsim.core.history.History history) {
        return runDeterministic(graph, settings, seed, events, horizonMillis, history, () -> false);
    }

    /**
     * As {@link #runDeterministic(JobGraph, JobRunSettings, long, Consumer, long, io.snapsim.core.history.History)},
     * stopping the run unfinished, its actor system shut down, as soon as {@code stop} holds (checked on the
     * driver thread before every step): how {@code snapsim step} abandons a run to replay it from the seed.
     */
    public static java.util.Optional<JobResult> runDeterministic(JobGraph graph, JobRunSettings settings, long seed,
                                                                 Consumer<String> events, long horizonMillis,
                                                                 io.snapsim.core.history.History history,
                                                                 java.util.function.BooleanSupplier stop) {
        JobPlan plan = JobPlan.of(RestoreCheck.withSnapshotMaxParallelism(graph, settings.recoveryPath()));
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeServices> services = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.pekko.actor.typed.Behavior<MasterCommand> guardian =
                org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx ->
                        JobMaster.create(plan, settings, services.get(), result, events));
        var runtime = io.snapsim.runtime.deterministic.DeterministicRuntime.create("job-" + settings.jobId(), guardian,
                seed, JournalSettings.inMemory());
        try {
            services.set(new RuntimeServices(runtime.clock(), runtime.executor(), seeded(seed), history));
            runtime.setStepCostMicros(DETERMINISTIC_STEP_COST_MICROS);
            runtime.runUntil(() -> result.isDone() || stop.getAsBoolean(), horizonMillis, Long.MAX_VALUE);
            if (!result.isDone() && !stop.getAsBoolean()) {
                events.accept("the run stopped without ending at virtual time " + runtime.clock().millis()
                        + " ms after " + runtime.tasksRun() + " steps ("
                        + (runtime.scheduler().pendingTimers() == 0 ? "nothing left to do" : "horizon reached")
                        + "); state:\n" + diagnoseDeterministic(runtime));
            }
        } finally {
            runtime.shutdown();
            try {
                deleteJobFolderIfEmpty(settings);
                StateBackends.localStateRoots(settings.jobId()).forEach(JobRunner::deleteIfEmpty);
            } catch (RuntimeException cleanupFailure) {
                // an instance folder still in use: left on disk, the result stands
            }
        }
        return result.isDone() ? java.util.Optional.of(result.join()) : java.util.Optional.empty();
    }

    private static String diagnoseDeterministic(io.snapsim.runtime.deterministic.DeterministicRuntime<MasterCommand> runtime) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        var system = runtime.system();
        org.apache.pekko.actor.typed.javadsl.AskPattern.<MasterCommand, String>ask(system, JobControl.Diagnose::new,
                java.time.Duration.ofSeconds(5), system.scheduler()).whenComplete((s, e) -> answer.complete(
                e == null ? s : "no diagnosis: " + e));
        runtime.runUntil(answer::isDone, runtime.clock().millis() + 10_000, 1_000_000);
        return answer.getNow("no diagnosis");
    }

    private static RandomGenerator seeded(long seed) {
        return new java.util.SplittableRandom(seed);
    }

    /** The job's folder under the checkpoint directory, reserved for its id (JobIds), once nothing is left in it. */
    private static void deleteJobFolderIfEmpty(JobRunSettings settings) {
        if (settings.checkpointsDirectory() != null) {
            deleteIfEmpty(settings.checkpointsDirectory().resolve(settings.jobId()));
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            if (list.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // the job directory holds retained checkpoints or does not exist: leave it
        }
    }
}
