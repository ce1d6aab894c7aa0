package io.snapsim.runtime.job;

import io.snapsim.core.job.JobResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;

/** A job that was started: it can be cancelled, and its result awaited. Thread-safe. */
public final class RunningJob {
    private final ActorSystem<JobMaster.Command> system;
    private final CompletableFuture<JobResult> result;

    RunningJob(ActorSystem<JobMaster.Command> system, CompletableFuture<JobResult> result) {
        this.system = system;
        this.result = result;
    }

    public String jobId() {
        return system.name();
    }

    /** Cancels the job: tasks stop, and the retention policy for cancellation is applied. */
    public void cancel() {
        system.tell(new JobMaster.Cancel());
    }

    public CompletableFuture<JobResult> result() {
        return result;
    }

    /**
     * Waits for the job's end. On timeout the job is cancelled and a TimeoutException thrown, so
     * that a hung run is reported (UNKNOWN) instead of blocking forever.
     */
    public JobResult await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("job failed unexpectedly: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            cancel();
            throw e;
        }
    }
}
