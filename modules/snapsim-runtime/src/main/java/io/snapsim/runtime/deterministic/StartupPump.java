package io.snapsim.runtime.deterministic;

import java.util.Objects;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Supplier;
import scala.Function0;
import scala.concurrent.BlockContext;
import scala.concurrent.CanAwait;

/**
 * Creates an actor system while the driver runs the tasks its start-up waits for.
 *
 * <p>{@code ActorSystem.create} blocks several times on work done by actors: the logger actor's
 * "initialized" answer (which first needs the system guardian to create it) and extensions such as
 * Pekko Streams' system materializer (which asks the system guardian for a child). On the
 * deterministic executor nothing runs those actors unless the driver does. So the creation runs on
 * a helper thread, the creator, with a Scala {@link BlockContext} installed: every time start-up
 * blocks (Pekko blocks through {@code Await}/{@code blocking}, which consult that context), the
 * creator parks and hands control to the driver, which runs queued tasks with the seeded picks
 * until the queue is empty, then hands control back and the creator performs its blocking call.
 *
 * <p>Why this is deterministic: the creator and the driver strictly alternate. While the driver
 * runs tasks the creator is parked and submits nothing; while the creator runs, the driver only
 * waits. So the queue the driver sees at each hand-over is a function of the program alone. (The
 * loggers run on their own ordinary thread, but they only answer the creator's request and send
 * nothing to the queue.) Tasks run on the driver, never on the creator: running them inline on the
 * creating thread, in the middle of start-up code, could re-enter locks and half-initialised
 * objects that no pool thread could reach.
 *
 * <p>Used once per system, from {@link DeterministicRuntime#create}; confined to the calling
 * (driver) thread and the one creator thread it starts.
 */
final class StartupPump {
    private static final Object BLOCKED = new Object();
    private static final Object RESUME = new Object();

    private record Created(Object value) {}

    private record Failed(Throwable cause) {}

    private StartupPump() {
    }

    /**
     * Runs {@code creation} on a new thread named {@code threadName}, driving {@code executor} on
     * the calling thread whenever the creation blocks, and returns what it created.
     */
    static <S> S create(String threadName, DeterministicExecutor executor, Supplier<S> creation) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(creation, "creation");
        SynchronousQueue<Object> toDriver = new SynchronousQueue<>();
        SynchronousQueue<Object> toCreator = new SynchronousQueue<>();
        BlockContext handOverWhenBlocking = new BlockContext() {
            @Override
            public <T> T blockOn(Function0<T> blockingCall, CanAwait permission) {
                put(toDriver, BLOCKED);
                take(toCreator);
                return blockingCall.apply();
            }
        };
        Thread creator = new Thread(() -> {
            Object outcome;
            try {
                outcome = new Created(BlockContext.withBlockContext(handOverWhenBlocking, creation::get));
            } catch (Throwable t) {
                outcome = new Failed(t);
            }
            put(toDriver, outcome);
        }, threadName);
        creator.setDaemon(true);
        creator.start();
        try {
            return drive(executor, toDriver, toCreator);
        } catch (RuntimeException | Error e) {
            creator.interrupt();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <S> S drive(DeterministicExecutor executor, SynchronousQueue<Object> toDriver,
            SynchronousQueue<Object> toCreator) {
        while (true) {
            Object event = take(toDriver);
            if (event == BLOCKED) {
                while (executor.runOne()) {
                    // Run everything start-up has queued so far.
                }
                put(toCreator, RESUME);
            } else if (event instanceof Created created) {
                return (S) created.value();
            } else {
                Throwable cause = ((Failed) event).cause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("actor system creation failed", cause);
            }
        }
    }

    private static void put(SynchronousQueue<Object> queue, Object message) {
        try {
            queue.put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a deterministic actor system", e);
        }
    }

    private static Object take(SynchronousQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a deterministic actor system", e);
        }
    }
}
