package io.snapsim.runtime.deterministic;

import io.snapsim.core.time.Clock;
import java.util.Objects;

/**
 * The {@link Clock} of a deterministic run: the virtual time of its {@link VirtualTimeScheduler},
 * which starts at 0 and moves only when the driver advances to the next timer. Nanoseconds are the
 * same instant in finer units ({@code millis * 1_000_000}), so durations measured with it are whole
 * milliseconds. Stateless; readable from any thread.
 */
public final class VirtualClock implements Clock {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final VirtualTimeScheduler scheduler;

    public VirtualClock(VirtualTimeScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public long millis() {
        return scheduler.now();
    }

    @Override
    public long nanos() {
        return scheduler.now() * NANOS_PER_MILLI;
    }
}
