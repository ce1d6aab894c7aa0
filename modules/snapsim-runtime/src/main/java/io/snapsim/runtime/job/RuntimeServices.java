package io.snapsim.runtime.job;

import io.snapsim.core.time.Clock;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What the runtime takes from its environment instead of reaching for globals: the clock, the
 * executor for storage I/O (the asynchronous part of snapshots, metadata writes), and a seeded
 * random generator. Live runs pass the system clock and a thread pool; deterministic runs pass
 * virtual time and the deterministic executor.
 */
public record RuntimeServices(Clock clock, Executor ioExecutor, RandomGenerator random) {
}
