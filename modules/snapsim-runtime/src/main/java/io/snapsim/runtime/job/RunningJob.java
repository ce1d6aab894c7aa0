package io.snapsim.runtime.job;

import io.snapsim.core.job.JobResult;
import io.snapsim.runtime.protocol.JobControl;
import io.snapsim.runtime.protocol.MasterCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;

/** A job that was started: it can be cancelled, and its result awaited. Thread-safe. */
public final class RunningJob {
    /** How long a timed-out job is given to end once cancelled. */
    private static final Duration CANCELLATION_WAIT = Duration.ofSeconds(10);

    private final ActorSystem<MasterCommand> system;
    private final CompletableFuture<JobResult> result;

    RunningJob(ActorSystem<MasterCommand> system, CompletableFuture<JobResult> result) {
        this.system = system;
        this.result = result;
    }

    /** The job's id: its folder under the checkpoint directory. */
    public String jobId() {
        return system.name().substring("job-".length());
    }

    /** Cancels the job: tasks stop, and the retention policy for cancellation is applied. */
    public void cancel() {
        system.tell(new JobControl.Cancel(null));
    }

    /** A description of every task's and the coordinator's state, for diagnosing a job that does not end. */
    public String diagnose() {
        try {
            return org.apache.pekko.actor.typed.javadsl.AskPattern.<MasterCommand, String>ask(system,
                    JobControl.Diagnose::new, Duration.ofSeconds(5), system.scheduler()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "no diagnosis: " + e;
        }
    }

    /**
     * Takes a savepoint into {@code state.savepoints.dir}; with {@code stop} the job stops once it
     * completed (stop-with-savepoint). Its path is reported as a "savepoint" event of the run.
     */
    public void triggerSavepoint(boolean stop) {
        system.tell(new JobControl.TriggerSavepointNow(stop));
    }

    private void awaitCancellation() throws InterruptedException {
        try {
            result.get(CANCELLATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a job that does not even end when cancelled: its history has no end, which says as much
        }
    }

    public CompletableFuture<JobResult> result() {
        return result;
    }

    /**
     * Waits for the job's end. On timeout the job is cancelled, with the timeout as the reason its
     * history records, and a TimeoutException thrown, so that a hung run is reported (UNKNOWN)
     * instead of blocking forever. The cancellation is awaited a little while, so that the history
     * records the end before its file is closed.
     */
    public JobResult await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("job failed unexpectedly: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            String diagnosis = diagnose();
            system.tell(new JobControl.Cancel("the job did not end within " + timeout.toSeconds() + " s"));
            awaitCancellation();
            TimeoutException stalled = new TimeoutException("job did not end within " + timeout.toSeconds() + " s; state:\n"
                    + diagnosis);
            throw stalled;
        }
    }
}
