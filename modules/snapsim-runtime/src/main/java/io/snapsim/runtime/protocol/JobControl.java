package io.snapsim.runtime.protocol;

import org.apache.pekko.actor.typed.ActorRef;

/** Whoever runs the job (the runner, the Java API's {@code RunningJob}) and its job master. */
public final class JobControl {
    private JobControl() {
    }

    /**
     * Cancel the job: stop all tasks and apply the retention policy for cancellation; {@code reason}
     * (or null) is recorded as the end's failure message, so the history says why.
     */
    public record Cancel(String reason) implements MasterCommand {
    }

    /** Take a savepoint now (the Java API's {@code RunningJob.triggerSavepoint}); {@code stop}: stop-with-savepoint. */
    public record TriggerSavepointNow(boolean stop) implements MasterCommand {
    }

    /** Collects a description of every task and the coordinator, for diagnosing a stalled job. */
    public record Diagnose(ActorRef<String> replyTo) implements MasterCommand {
    }
}
