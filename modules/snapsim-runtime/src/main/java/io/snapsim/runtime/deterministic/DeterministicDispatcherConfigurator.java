package io.snapsim.runtime.deterministic;

import com.typesafe.config.Config;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;
import java.util.concurrent.ThreadFactory;
import scala.Option;
import scala.concurrent.ExecutionContext;

/**
 * Puts a Pekko dispatcher on the deterministic executor of its actor system. Named by class in a
 * dispatcher's {@code executor} setting; Pekko creates one per dispatcher, reflectively, with the
 * dispatcher's config and the system's prerequisites.
 *
 * <p>Binding: the executor is the system's default execution context, which
 * {@link DeterministicRuntime} passes in its {@code BootstrapSetup}; the prerequisites carry it to
 * this constructor. So every dispatcher of one system shares that system's executor, two systems
 * in one JVM never see each other's, and no static registry is needed. A system not created by
 * {@link DeterministicRuntime} fails at start-up with a message saying so.
 *
 * <p>Each dispatcher gets its own {@link DispatcherExecutorService} view, because Pekko shuts an
 * idle dispatcher's executor service down and must not stop the shared executor by doing so.
 * Thread-safe; Pekko calls it from whichever thread first looks the dispatcher up.
 */
public final class DeterministicDispatcherConfigurator extends ExecutorServiceConfigurator {
    private final DeterministicExecutor executor;

    public DeterministicDispatcherConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        this.executor = executorOf(prerequisites.defaultExecutionContext());
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> new DispatcherExecutorService(executor);
    }

    private static DeterministicExecutor executorOf(Option<ExecutionContext> defaultContext) {
        if (defaultContext.isDefined() && defaultContext.get() instanceof DeterministicExecutionContext context) {
            return context.executor();
        }
        throw new IllegalStateException(DeterministicDispatcherConfigurator.class.getSimpleName()
                + " needs an actor system created by " + DeterministicRuntime.class.getName()
                + " (its default execution context must be the run's deterministic executor)");
    }
}
