package io.snapsim.core.time;

/**
 * The job's notion of time. Live runs use the system clock; deterministic runs use virtual time.
 * Core and runtime code read time only through this interface.
 */
public interface Clock {
    /** Milliseconds since an arbitrary epoch of this clock. */
    long millis();

    /** Nanoseconds for measuring durations; only differences are meaningful. */
    long nanos();
}
