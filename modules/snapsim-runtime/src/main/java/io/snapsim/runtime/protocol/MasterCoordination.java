package io.snapsim.runtime.protocol;

import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.checkpoint.CheckpointCounts;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CompletedCheckpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/** The job master and the checkpoint coordinator. */
public final class MasterCoordination {
    private MasterCoordination() {
    }

    /** A new set of tasks runs (first deployment or after a restart); start triggering. */
    public record Deployed(int attempt, Map<TaskKey, ActorRef<TaskCommand>> tasks, Set<TaskKey> sources,
                           long restoredCheckpointId) implements CoordinatorCommand {
    }

    /** The job is failing over: abort pending checkpoints and stop triggering. */
    public record Suspend(int attempt) implements CoordinatorCommand {
    }

    /** Asks for the retained completed checkpoints, newest first (the candidates to restore from). */
    public record GetRetained(ActorRef<RetainedCheckpoints> replyTo) implements CoordinatorCommand {
    }

    /** The retained completed checkpoints, newest first. */
    public record RetainedCheckpoints(List<CompletedCheckpoint> newestFirst) {
    }

    /** The job ended: apply the retention policy and report the statistics. */
    public record JobEnded(ExternalizedCheckpointCleanup.JobEnd end, ActorRef<Report> replyTo) implements CoordinatorCommand {
    }

    /** Checkpoint statistics at the end of a job. */
    public record Report(CheckpointCounts counts, List<CheckpointStats> history, String latestCompletedPath) {
    }

    /** Take a savepoint into {@code state.savepoints.dir}; with {@code stop}, the job stops once it completed. */
    public record TriggerSavepoint(boolean stop) implements CoordinatorCommand {
    }

    /** Asks for a one-line description of the coordinator's state, for diagnosing a stalled job. */
    public record DescribeCoordinator(ActorRef<String> replyTo) implements CoordinatorCommand {
    }

    /** Coordinator {@code incarnation} has read its store; {@code error} is non-null when it could not. */
    public record CoordinatorReady(int incarnation, List<CompletedCheckpoint> retainedNewestFirst, String error)
            implements MasterCommand {
    }

    /** Too many checkpoints failed in a row: the job fails over as after a task failure. */
    public record CheckpointFailureLimitExceeded(String message) implements MasterCommand {
    }

    /** The coordinator crashed on purpose (a planned fault): restart it and fail the job over. */
    public record CoordinatorCrashed(int faultIndex, String message) implements MasterCommand {
    }

    /** The coordinator recorded a completed checkpoint (for planned cancellations after n checkpoints). */
    public record CheckpointCompletedNotice(long checkpointId) implements MasterCommand {
    }

    /** A savepoint completed at {@code metadataPath}; with {@code stop} the job stops now. */
    public record SavepointCompleted(long checkpointId, String metadataPath, boolean stop) implements MasterCommand {
    }

    /**
     * The coordinator's completed-checkpoint store stopped while the job ran (its journal failed, or
     * it crashed): no checkpoint can be recorded any more, so the job ends as failed with {@code message}.
     */
    public record CheckpointStoreFailed(String message) implements MasterCommand {
    }

    /** A planned fault damaged a completed checkpoint: fail the job over so that it must restore. */
    public record CheckpointDamaged(int faultIndex, String message) implements MasterCommand {
    }
}
