package io.snapsim.runtime.deterministic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.snapsim.runtime.logging.ActorSystemLogging;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Runs one typed actor system deterministically: every dispatcher on one
 * {@link DeterministicExecutor} whose picks come from the seed, every timer on a
 * {@link VirtualTimeScheduler}, and one driver thread that alternates between running the next
 * picked task and, when nothing is runnable, moving virtual time to the next timer. The same seed
 * and the same actor program give the same history, in the same JVM or another.
 *
 * <p>Start-up: {@code ActorSystem.create} blocks on work done by actors (the logger's answer, the
 * system materializer), so it runs on a helper thread while the calling thread, the driver, runs
 * queued tasks each time start-up blocks; the two strictly alternate, so start-up is as
 * deterministic as the rest (see {@link StartupPump}). The loggers have an ordinary one-thread
 * dispatcher: log events flow out to that thread and nothing flows back, so logging takes no
 * picks and log levels cannot change a history. The guardian's own behavior only starts when
 * the first {@link #runUntil} runs; spawn the simulation's actors from it.
 *
 * <p>Configuration: {@code snapsim-deterministic.conf}'s {@code required} section (dispatchers,
 * scheduler, loggers) overrides the caller's {@code extra} config, which overrides its
 * {@code defaults} section (throughput 1), which overrides the application's configuration, which
 * overrides snapsim's quiet logging settings ({@link ActorSystemLogging#config}).
 *
 * <p>Threading: one driver thread, the thread that calls {@link #create} (start-up already runs
 * tasks on it). {@link #runUntil}, {@link #shutdown} and {@link #tasksRun} belong to it; a call
 * from another thread fails. Actor code runs on the driver thread, inside those calls, and must
 * not block: a blocked actor blocks the whole run.
 *
 * @param <T> the guardian's message type
 */
public final class DeterministicRuntime<T> implements AutoCloseable {
    private static final String CONFIG_RESOURCE = "snapsim-deterministic.conf";
    /** How long shutdown waits, per try, for the loggers' thread to send its last notices. */
    private static final long SHUTDOWN_WAIT_MILLIS = 10;
    /** Tries with nothing to run and no timer before shutdown gives up (about 30 s). */
    private static final int SHUTDOWN_MAX_IDLE_WAITS = 3_000;
    /** Upper bound on tasks run after termination (callbacks on the termination future). */
    private static final int MAX_TASKS_AFTER_TERMINATION = 1_000_000;

    private final ActorSystem<T> system;
    private final DeterministicExecutor executor;
    private final VirtualTimeScheduler scheduler;
    private final VirtualClock clock;
    private final long seed;

    private long stepCostMicros;
    private long pendingMicros;

    private DeterministicRuntime(ActorSystem<T> system, DeterministicExecutor executor,
            VirtualTimeScheduler scheduler, long seed) {
        this.system = system;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = new VirtualClock(scheduler);
        this.seed = seed;
    }

    /**
     * Creates the actor system, running Pekko's own start-up tasks on the calling thread, which
     * becomes the driver. The guardian's behavior does not start before the first
     * {@link #runUntil}.
     *
     * @param name     the actor system's name
     * @param guardian the user guardian's behavior
     * @param seed     chooses the interleaving; the same seed replays the same history
     * @param extra    extra configuration (journal plugin, application settings); may not move
     *                 dispatchers, the scheduler or the loggers, which this runtime fixes
     */
    public static <T> DeterministicRuntime<T> create(String name, Behavior<T> guardian, long seed, Config extra) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(guardian, "guardian");
        Objects.requireNonNull(extra, "extra");
        DeterministicExecutor executor = new DeterministicExecutor(new SplittableRandom(seed));
        BootstrapSetup setup = BootstrapSetup.create(configFor(extra))
                .withDefaultExecutionContext(new DeterministicExecutionContext(executor));
        ActorSystemLogging.bindSlf4j();
        ActorSystem<T> system = StartupPump.create("snapsim-startup-" + name, executor,
                () -> ActorSystem.create(guardian, name, setup));
        if (!(Adapter.toClassic(system).scheduler() instanceof VirtualTimeScheduler scheduler)) {
            throw new IllegalStateException("actor system '" + name + "' did not install the virtual-time scheduler");
        }
        return new DeterministicRuntime<>(system, executor, scheduler, seed);
    }

    /** The configuration a deterministic system runs with, given the caller's extra config. */
    static Config configFor(Config extra) {
        ClassLoader loader = DeterministicRuntime.class.getClassLoader();
        Config layers = ConfigFactory.parseResources(loader, CONFIG_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        return layers.getConfig("required")
                .withFallback(extra)
                .withFallback(layers.getConfig("defaults"))
                .withFallback(ActorSystemLogging.config(loader))
                .resolve();
    }

    public ActorSystem<T> system() {
        return system;
    }

    /** Virtual time of this run. */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * The run's executor, for work that is not an actor but must interleave with actors
     * deterministically (storage I/O modelled in virtual time). Tasks run on the driver thread.
     */
    public Executor executor() {
        return executor;
    }

    /** The run's scheduler: pending timers, virtual now. */
    public VirtualTimeScheduler scheduler() {
        return scheduler;
    }

    public long seed() {
        return seed;
    }

    /** Tasks run so far, start-up included (mailbox runs, callbacks, I/O tasks). Driver thread only. */
    public long tasksRun() {
        return executor.executed();
    }

    /** Tasks queued and not yet run. Any thread. */
    public int pendingTasks() {
        return executor.pending();
    }

    /**
     * Drives the run until {@code done} holds. Each step runs one picked task; when nothing is
     * runnable it moves virtual time to the next timer instead. Stops early when the run is
     * quiescent (nothing runnable, no timer), when the next timer lies beyond
     * {@code virtualHorizonMillis} (virtual time is left where it is), or after {@code maxSteps}
     * steps (tasks run plus time advances). {@code done} is checked before every step, on the
     * driver thread.
     *
     * @param virtualHorizonMillis absolute virtual time that is never passed
     * @return whether {@code done} held when it stopped
     */
    public boolean runUntil(BooleanSupplier done, long virtualHorizonMillis, long maxSteps) {
        Objects.requireNonNull(done, "done");
        long steps = 0;
        while (!done.getAsBoolean()) {
            if (steps >= maxSteps) {
                return false;
            }
            steps++;
            if (executor.runOne()) {
                chargeStep(virtualHorizonMillis);
                continue;
            }
            OptionalLong nextDue = scheduler.nextDueMillis();
            if (nextDue.isEmpty() || nextDue.getAsLong() > virtualHorizonMillis) {
                return false;
            }
            scheduler.advanceToNext();
        }
        return true;
    }

    /**
     * Sets the virtual time every task run costs, in microseconds (0, the default, means that only
     * timers move time). With a cost, processing takes virtual time, so that timers such as the
     * checkpoint interval fall due while records are still flowing, as they would on a real machine.
     */
    public void setStepCostMicros(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("step cost must be >= 0 µs, was " + micros);
        }
        this.stepCostMicros = micros;
    }

    private void chargeStep(long horizonMillis) {
        if (stepCostMicros == 0) {
            return;
        }
        pendingMicros += stepCostMicros;
        if (pendingMicros >= 1000) {
            long millis = pendingMicros / 1000;
            pendingMicros %= 1000;
            scheduler.advanceTo(Math.min(horizonMillis, scheduler.now() + millis));
        }
    }

    /**
     * Terminates the actor system and drives it until it has terminated. When nothing is runnable
     * it first waits briefly for the loggers' thread (whose stopping the system waits for), then
     * advances virtual time. Idempotent; driver thread only.
     *
     * @throws IllegalStateException if termination stalls (nothing runnable, no timer, nothing
     *                               arriving) for about 30 seconds
     */
    public void shutdown() {
        if (!isTerminated()) {
            system.terminate();
            int idleWaits = 0;
            while (!isTerminated()) {
                if (executor.runOne() || awaitSubmission() || scheduler.advanceToNext()) {
                    continue;
                }
                if (++idleWaits > SHUTDOWN_MAX_IDLE_WAITS) {
                    throw new IllegalStateException("actor system '" + system.name() + "' did not terminate: "
                            + "nothing left to run and no timer pending");
                }
            }
        }
        for (int i = 0; i < MAX_TASKS_AFTER_TERMINATION && executor.runOne(); i++) {
            // Callbacks registered on the termination future.
        }
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    public boolean isTerminated() {
        return system.whenTerminated().isCompleted();
    }

    private boolean awaitSubmission() {
        try {
            return executor.awaitSubmission(SHUTDOWN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down actor system '" + system.name() + "'", e);
        }
    }
}
