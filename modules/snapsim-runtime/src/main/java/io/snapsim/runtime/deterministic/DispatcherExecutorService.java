package io.snapsim.runtime.deterministic;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One dispatcher's view of the shared {@link DeterministicExecutor}. Pekko shuts a dispatcher's
 * executor service down when the dispatcher has been idle for a while and creates a new one when
 * it is needed again; shutting down this view must not stop the executor every other dispatcher
 * of the system shares, so it only stops this view from accepting tasks. Tasks it already queued
 * stay queued and run as usual. Callable from any thread.
 */
final class DispatcherExecutorService extends AbstractExecutorService {
    private final DeterministicExecutor executor;
    private volatile boolean shutdown;

    DispatcherExecutorService(DeterministicExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("dispatcher executor service is shut down");
        }
        executor.execute(command);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** There are no threads to wait for: a shut-down view is terminated. */
    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
