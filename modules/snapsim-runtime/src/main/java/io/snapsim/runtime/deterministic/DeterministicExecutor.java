package io.snapsim.runtime.deterministic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The executor of a deterministic run: it only queues runnables and never runs one on a thread of
 * its own. The driver thread calls {@link #runOne()}, which picks one queued runnable with the
 * seeded generator, uniformly among all queued ones, and runs it on the driver thread. With the
 * same seed and the same program, the sequence of picks, and so the whole history, is the same.
 *
 * <p>Why a uniform pick over the whole queue keeps each actor's messages in order: Pekko never has
 * more than one run of an actor's mailbox queued at a time (a mailbox is handed to the executor
 * only when it moves from idle to scheduled, and goes back to idle only at the end of its run),
 * and one mailbox run processes that actor's messages in arrival order. So the random pick chooses
 * which actor moves next, never the order of one actor's messages. Other runnables (future
 * callbacks, storage I/O tasks) are independent tasks and may run in any order, as on a thread
 * pool; exploring those orders is the point.
 *
 * <p>Threading: {@link #execute} may be called from any thread (Pekko submits from the thread
 * that creates the actor system, and the loggers' own thread may submit at termination).
 * {@link #runOne()} may only be called by one thread, the driver: the first thread that calls it
 * becomes the driver, and a call from any other thread, or a nested call from inside a running
 * task, fails with {@link IllegalStateException}. A task that blocks waiting for another queued
 * task deadlocks the run; actor code must not block.
 *
 * <p>Invariants: a queued runnable runs at most once; {@link #pending()} counts runnables queued
 * and not yet picked.
 */
public final class DeterministicExecutor implements Executor {
    private final RandomGenerator random;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. Order is a pure function of the submissions and picks. */
    private final List<Runnable> queue = new ArrayList<>();
    /** Guarded by {@link #lock}; threads in {@link #awaitSubmission}. */
    private int waiters;
    /** Written once, by the first {@link #runOne()}. */
    private volatile Thread driver;
    /** Confined to the driver thread. */
    private boolean running;
    /** Confined to the driver thread. */
    private long executed;

    /**
     * @param random the seeded generator that chooses the next runnable; owned by this executor
     *               from now on (no one else may draw from it, or the picks would change)
     */
    public DeterministicExecutor(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Queues the runnable; it runs when the driver picks it. Callable from any thread. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (lock) {
            queue.add(task);
            if (waiters > 0) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Picks one queued runnable uniformly at random with the seeded generator and runs it on the
     * calling thread. Exceptions thrown by the runnable propagate to the caller.
     *
     * @return false if nothing was queued (nothing ran)
     * @throws IllegalStateException if called from a thread other than the driver, or from inside
     *                               a runnable this executor is running
     */
    public boolean runOne() {
        claimDriver();
        if (running) {
            throw new IllegalStateException("runOne() called from inside a task of the same executor");
        }
        Runnable next;
        synchronized (lock) {
            int size = queue.size();
            if (size == 0) {
                return false;
            }
            int pick = size == 1 ? 0 : random.nextInt(size);
            // Swap-remove: O(1), and the resulting order is still a function of seed and program.
            Runnable last = queue.remove(size - 1);
            next = pick == size - 1 ? last : queue.set(pick, last);
        }
        running = true;
        try {
            next.run();
        } finally {
            running = false;
            executed++;
        }
        return true;
    }

    /** Number of runnables queued and not yet picked. Callable from any thread. */
    public int pending() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Number of runnables run so far. Driver thread only. */
    public long executed() {
        return executed;
    }

    /**
     * Waits, at most once and for at most the given time, for a runnable to be queued. Used only
     * while shutting down, when the loggers' ordinary thread may still send the last termination
     * notices; it never decides anything in a simulated history. A spurious wake-up just returns
     * early; the caller loops.
     *
     * @return true if something is queued
     */
    boolean awaitSubmission(long timeoutMillis) throws InterruptedException {
        synchronized (lock) {
            if (queue.isEmpty()) {
                waiters++;
                try {
                    lock.wait(timeoutMillis);
                } finally {
                    waiters--;
                }
            }
            return !queue.isEmpty();
        }
    }

    private void claimDriver() {
        Thread current = Thread.currentThread();
        Thread owner = driver;
        if (owner == null) {
            synchronized (lock) {
                if (driver == null) {
                    driver = current;
                }
                owner = driver;
            }
        }
        if (owner != current) {
            throw new IllegalStateException("the deterministic executor is driven by thread '" + owner.getName()
                    + "', not by '" + current.getName() + "'");
        }
    }
}
