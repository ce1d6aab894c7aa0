package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** What the job master records: deployments, failovers, restarts, planned actions, the job's end. {@code actor} is "master". */
public final class JobEvents {
    private JobEvents() {
    }

    /**
     * The job as it runs, recorded once as the job starts (before attempt 0 is deployed): its
     * operators fused into chains (one task per chain and subtask, named like {@code sum->sink#0}),
     * and the edges between chains with their partitioning. What a report draws the job graph from.
     *
     * @param job      the job's name
     * @param vertices the chains, in the order the job defines their heads
     * @param edges    the edges between chains (edges inside a chain are forward and implicit)
     */
    @JsonTypeName("job-graph")
    public record GraphDescribed(long time, String actor, int attempt, String job, List<GraphVertex> vertices,
                                 List<GraphEdge> edges) implements HistoryEvent {
        public GraphDescribed {
            vertices = List.copyOf(vertices);
            edges = List.copyOf(edges);
        }
    }

    /**
     * One chain of the job graph, run by {@code parallelism} tasks.
     *
     * @param id             its number, which edges refer to
     * @param name           the chain as task names spell it: its operators' uids joined by {@code ->}
     * @param parallelism    its subtasks
     * @param maxParallelism its key groups
     * @param operators      its operators, head first
     */
    public record GraphVertex(int id, String name, int parallelism, int maxParallelism, List<GraphOperator> operators) {
        public GraphVertex {
            operators = List.copyOf(operators);
        }
    }

    /** An operator of a chain: its uid (what faults and state name it by), its name and kind ({@code source}, {@code map}, ...). */
    public record GraphOperator(String uid, String name, String kind) {
    }

    /**
     * An edge from chain {@code from} to input {@code input} of chain {@code to}.
     *
     * @param partitioning how records spread over the receiving subtasks: {@code forward}, {@code hash}, {@code rebalance}
     */
    public record GraphEdge(int from, int to, int input, String partitioning) {
    }

    /**
     * Attempt {@code attempt} was deployed: {@code tasks} tasks, restoring checkpoint {@code checkpoint}
     * (null: a fresh start).
     */
    @JsonTypeName("deploy")
    public record Deployed(long time, String actor, int attempt, int tasks, Long checkpoint) implements HistoryEvent {
    }

    /** The job fails over after {@code cause}; {@code fault} is the planned fault behind it, or null. */
    @JsonTypeName("failover")
    public record Failover(long time, String actor, int attempt, Integer fault, String cause) implements HistoryEvent {
    }

    /** The restart strategy scheduled a restart in {@code delayMillis}. */
    @JsonTypeName("restart-scheduled")
    public record RestartScheduled(long time, String actor, int attempt, long delayMillis) implements HistoryEvent {
    }

    /** The coordinator crashed as planned fault {@code fault}; a new one recovers from the store. */
    @JsonTypeName("coordinator-crashed")
    public record CoordinatorCrashed(long time, String actor, int attempt, int fault, String message)
            implements HistoryEvent {
    }

    /** Retained checkpoint {@code checkpoint} cannot be restored: {@code reason}. */
    @JsonTypeName("checkpoint-damaged")
    public record CheckpointDamaged(long time, String actor, int attempt, long checkpoint, String reason)
            implements HistoryEvent {
    }

    /** Every one of the {@code damaged} retained checkpoints is damaged: nothing intact to restore from. */
    @JsonTypeName("no-intact-checkpoint")
    public record NoIntactCheckpoint(long time, String actor, int attempt, int damaged) implements HistoryEvent {
    }

    /** The job is cancelled, after {@code completedCheckpoints} completed checkpoints of this submission. */
    @JsonTypeName("cancel")
    public record Cancelled(long time, String actor, int attempt, long completedCheckpoints) implements HistoryEvent {
    }

    /** Savepoint {@code checkpoint} completed in folder {@code folder} (its name, under the savepoint directory). */
    @JsonTypeName("savepoint")
    public record SavepointTaken(long time, String actor, int attempt, long checkpoint, String folder)
            implements HistoryEvent {
    }

    /** The job stops after savepoint {@code checkpoint} (stop-with-savepoint). */
    @JsonTypeName("stop")
    public record Stopping(long time, String actor, int attempt, long checkpoint) implements HistoryEvent {
    }

    /** The job ended with {@code status} (finished, failed, canceled); {@code failure} says why it failed, or is null. */
    @JsonTypeName("job-ended")
    public record Ended(long time, String actor, int attempt, String status, String failure) implements HistoryEvent {
    }
}
