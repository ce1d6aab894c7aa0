package io.snapsim.runtime.deterministic;

import java.util.Objects;
import scala.concurrent.ExecutionContextExecutor;

/**
 * Carries a run's {@link DeterministicExecutor} into the actor system it drives. The runtime
 * passes it as the system's default execution context ({@code BootstrapSetup}); Pekko hands it to
 * every dispatcher configurator through {@code DispatcherPrerequisites.defaultExecutionContext()},
 * which is how {@link DeterministicDispatcherConfigurator} finds the executor of its own system
 * without any static registry. Stateless apart from the executor; callable from any thread.
 */
final class DeterministicExecutionContext implements ExecutionContextExecutor {
    private final DeterministicExecutor executor;

    DeterministicExecutionContext(DeterministicExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    DeterministicExecutor executor() {
        return executor;
    }

    @Override
    public void execute(Runnable runnable) {
        executor.execute(runnable);
    }

    /**
     * A failure reported here happened in a callback the driver was running; rethrowing makes the
     * driver's {@code runOne()} fail loudly instead of losing it. (Pekko's own dispatchers report
     * their failures to the event stream and never reach this.)
     */
    @Override
    public void reportFailure(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("task failed on the deterministic executor", cause);
    }
}
