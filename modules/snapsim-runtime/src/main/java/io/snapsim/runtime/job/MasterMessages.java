package io.snapsim.runtime.job;

import io.snapsim.core.checkpoint.CompletedCheckpoint;
import io.snapsim.core.job.JobStatus;
import io.snapsim.runtime.protocol.MasterCommand;
import io.snapsim.runtime.protocol.MasterCoordination.Report;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;

/** The job master's own messages: its timers, adapted replies and piped futures. */
final class MasterMessages {
    private MasterMessages() {
    }

    /** The coordinator's journal is ready ({@code failure} null) or cannot be opened. */
    record JournalReady(Throwable failure) implements MasterCommand.Internal {
    }

    /** The time or the number of completed checkpoints of a planned cancellation came. */
    record PlannedCancel() implements MasterCommand.Internal {
    }

    /** The time or the number of completed checkpoints of a planned savepoint came. */
    record PlannedSavepoint() implements MasterCommand.Internal {
    }

    /** A task actor of some attempt has stopped (its last words, such as its record counts, are in the history). */
    record TaskTerminated() implements MasterCommand.Internal {
    }

    /** The restart delay after a failover passed; {@code timer} names the restart it belongs to. */
    record Redeploy(long timer) implements MasterCommand.Internal {
    }

    /** The coordinator's answer to {@code request}: the checkpoints to restore from. */
    record RestoreFrom(long request, List<CompletedCheckpoint> retainedNewestFirst) implements MasterCommand.Internal {
    }

    /** The coordinator applied the retention policy for the job's end ({@code status}, {@code failure}) and reported. */
    record CoordinatorReported(JobStatus status, String failure, Report report) implements MasterCommand.Internal {
    }

    /** Every part of a diagnosis answered (or gave up): {@code parts} are complete. */
    record Diagnosed(ActorRef<String> replyTo, String head, List<CompletableFuture<String>> parts)
            implements MasterCommand.Internal {
    }
}
