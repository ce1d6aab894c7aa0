package io.snapsim.runtime.deterministic;

import com.typesafe.config.Config;
import org.apache.pekko.actor.AbstractScheduler;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.SchedulerTask;
import org.apache.pekko.event.LoggingAdapter;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler for deterministic runs: timers fall due in virtual time, which moves only
 * when the driver calls {@link #advanceToNext()}. Installed through
 * {@code pekko.scheduler.implementation}; Pekko creates it with the public
 * {@code (Config, LoggingAdapter, ThreadFactory)} constructor and it never starts a thread.
 *
 * <p>Timers are ordered by (due time, sequence number), the sequence number counting schedule
 * calls. Timers due at the same instant are therefore handed over in the order they were
 * scheduled, every time; Pekko's {@code ExplicitlyTriggeredScheduler} does not guarantee that,
 * which is why this class exists. "Handed over" means given to the timer's own execution context:
 * for actors on the deterministic dispatcher that queues a task on the
 * {@link DeterministicExecutor}; for Pekko's inline contexts (typed timers use one) the task runs
 * right there, on the driver thread. Nothing runs on a timer thread.
 *
 * <p>Time has millisecond resolution and starts at 0. A positive delay is rounded up to whole
 * milliseconds, so a timer never falls due at the instant it was scheduled; a delay of zero or
 * less hands the task over at once, as Pekko's default scheduler does. Periodic timers
 * ({@code scheduleAtFixedRate}) re-arm at due + interval when handed over, without drift, and
 * stop repeating if their task throws. {@code scheduleWithFixedDelay} is Pekko's generic version,
 * built on {@link #scheduleOnce}.
 *
 * <p>Closing (done by the actor system when it terminates) drops all pending timers except
 * Pekko's {@link Scheduler.TaskRunOnClose} tasks, which run at once, as the {@link Scheduler}
 * contract asks; scheduling afterwards throws {@link IllegalStateException}.
 *
 * <p>Threading: scheduling, cancelling and reading {@link #now()} are thread-safe (Pekko may
 * schedule from the thread creating the system, and the loggers' dispatcher schedules its idle
 * shutdown from its own thread). {@link #advanceToNext()} is for the driver thread only.
 */
public final class VirtualTimeScheduler extends AbstractScheduler implements Closeable {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final Comparator<Timer> DUE_ORDER =
            Comparator.<Timer>comparingLong(t -> t.due).thenComparingLong(t -> t.sequence);

    private final LoggingAdapter log;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. Holds exactly the armed, not yet handed over, not cancelled timers. */
    private final NavigableSet<Timer> timers = new TreeSet<>(DUE_ORDER);
    /** Written under {@link #lock}; volatile so clocks can read it without locking. */
    private volatile long now;
    /** Guarded by {@link #lock}. */
    private long nextSequence;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * The constructor Pekko calls. The config and thread factory are not needed: there are no
     * tuning knobs and no threads.
     */
    public VirtualTimeScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Virtual time in milliseconds since the start of the run. */
    public long now() {
        return now;
    }

    /** Number of armed timers (periodic ones count once). */
    public int pendingTimers() {
        synchronized (lock) {
            return timers.size();
        }
    }

    /** When the next armed timer falls due, if any. */
    public OptionalLong nextDueMillis() {
        synchronized (lock) {
            return timers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(timers.first().due);
        }
    }

    /**
     * Moves virtual time to the earliest due timer and hands over every timer due at that instant,
     * in (due, sequence) order. Driver thread only.
     *
     * @return false if no timer was armed (time did not move)
     */
    public boolean advanceToNext() {
        List<Timer> due = new ArrayList<>();
        synchronized (lock) {
            Timer first = timers.pollFirst();
            if (first == null) {
                return false;
            }
            now = Math.max(now, first.due);
            due.add(first);
            while (!timers.isEmpty() && timers.first().due <= now) {
                due.add(timers.pollFirst());
            }
        }
        for (Timer timer : due) {
            fire(timer);
        }
        return true;
    }

    /**
     * Moves virtual time forward to {@code targetMillis} (never backwards) and hands over every
     * timer due by then, in (due, sequence) order. This is how processing itself takes virtual
     * time: the driver charges each task it runs. Driver thread only.
     */
    public void advanceTo(long targetMillis) {
        List<Timer> due = new ArrayList<>();
        synchronized (lock) {
            if (targetMillis <= now) {
                return;
            }
            now = targetMillis;
            while (!timers.isEmpty() && timers.first().due <= now) {
                due.add(timers.pollFirst());
            }
        }
        for (Timer timer : due) {
            fire(timer);
        }
    }

    @Override
    public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
        Objects.requireNonNull(runnable, "runnable");
        Objects.requireNonNull(executor, "executor");
        long delayMillis = ceilMillis(delay);
        if (delayMillis <= 0) {
            synchronized (lock) {
                requireOpen();
            }
            executor.execute(runnable);
            return NOT_CANCELLABLE;
        }
        Timer timer = new Timer(runnable, executor, 0L);
        synchronized (lock) {
            requireOpen();
            arm(timer, saturatedAdd(now, delayMillis));
        }
        return timer;
    }

    @Override
    public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
            ExecutionContext executor) {
        Objects.requireNonNull(runnable, "runnable");
        Objects.requireNonNull(executor, "executor");
        long periodMillis = ceilMillis(interval);
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("a periodic task needs an interval greater than 0, got " + interval);
        }
        long initialMillis = ceilMillis(initialDelay);
        Timer timer = new Timer(runnable, executor, periodMillis);
        synchronized (lock) {
            requireOpen();
            if (initialMillis > 0) {
                arm(timer, saturatedAdd(now, initialMillis));
                return timer;
            }
        }
        fire(timer);
        return timer;
    }

    /** One tick per virtual millisecond: the finest period this scheduler can represent. */
    @Override
    public double maxFrequency() {
        return 1000.0;
    }

    /**
     * Stops the scheduler: drops pending timers, runs Pekko's run-on-close tasks (dispatcher
     * shutdowns) on the calling thread. Idempotent.
     */
    @Override
    public void close() {
        List<Timer> remaining;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            remaining = new ArrayList<>(timers);
            timers.clear();
            for (Timer timer : remaining) {
                timer.state = timer.task instanceof Scheduler.TaskRunOnClose ? State.HANDED_OVER : State.CANCELLED;
            }
        }
        for (Timer timer : remaining) {
            if (timer.task instanceof Scheduler.TaskRunOnClose) {
                try {
                    timer.task.run();
                } catch (RuntimeException e) {
                    log.error(e, "run-on-close task failed while closing the virtual-time scheduler");
                }
            }
        }
    }

    /** Hands a timer over if it was not cancelled meanwhile; re-arms it first if periodic. */
    private void fire(Timer timer) {
        synchronized (lock) {
            if (timer.state != State.ARMED) {
                return;
            }
            if (timer.periodMillis == 0) {
                timer.state = State.HANDED_OVER;
            } else if (!closed) {
                arm(timer, saturatedAdd(now, timer.periodMillis));
            }
        }
        Runnable toRun = timer.periodMillis == 0 ? timer.task : timer::runRepeating;
        handOver(timer.executor, toRun);
    }

    /** Guarded by {@link #lock}. */
    private void arm(Timer timer, long dueMillis) {
        timer.due = dueMillis;
        timer.sequence = nextSequence++;
        timers.add(timer);
    }

    /** Guarded by {@link #lock}. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cannot enqueue after timer shutdown");
        }
    }

    private static void handOver(ExecutionContext executor, Runnable runnable) {
        try {
            executor.execute(runnable);
        } catch (RuntimeException e) {
            executor.reportFailure(e);
        }
    }

    private static long ceilMillis(FiniteDuration duration) {
        long nanos = duration.toNanos();
        if (nanos <= 0) {
            return 0;
        }
        return nanos / NANOS_PER_MILLI + (nanos % NANOS_PER_MILLI == 0 ? 0 : 1);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private enum State { ARMED, HANDED_OVER, CANCELLED }

    /** A zero-delay task has already been handed over when the caller gets this. */
    private static final Cancellable NOT_CANCELLABLE = new Cancellable() {
        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** One armed task. Its due time and sequence number change only while it is out of the set. */
    private final class Timer implements Cancellable {
        final Runnable task;
        final ExecutionContext executor;
        /** 0 for a one-shot timer. */
        final long periodMillis;
        /** Guarded by {@link #lock}. */
        long due;
        /** Guarded by {@link #lock}. */
        long sequence;
        /** Guarded by {@link #lock}. */
        State state = State.ARMED;

        Timer(Runnable task, ExecutionContext executor, long periodMillis) {
            this.task = task;
            this.executor = executor;
            this.periodMillis = periodMillis;
        }

        @Override
        public boolean cancel() {
            synchronized (lock) {
                if (state != State.ARMED) {
                    return false;
                }
                state = State.CANCELLED;
                timers.remove(this);
            }
            // Pekko's own tasks may want to hear about cancellation (as its default scheduler does).
            if (task instanceof SchedulerTask schedulerTask) {
                handOver(executor, schedulerTask::cancelled);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            synchronized (lock) {
                return state == State.CANCELLED;
            }
        }

        /** A periodic task that throws stops repeating, as the Scheduler contract says. */
        void runRepeating() {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                cancel();
                throw e;
            }
        }
    }
}
