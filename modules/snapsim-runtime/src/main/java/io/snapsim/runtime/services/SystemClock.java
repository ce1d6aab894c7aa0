package io.snapsim.runtime.services;

import io.snapsim.core.time.Clock;

/** The real clock of live runs. The one place live execution reads wall-clock time. */
public final class SystemClock implements Clock {
    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }
}
