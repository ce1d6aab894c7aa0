package io.snapsim.core.operators;

import io.snapsim.core.state.KeyedStateBackend;
import java.util.Objects;

/**
 * What the task gives an operator at set-up. Confined to the owning task.
 *
 * @param operatorId     the operator's uid
 * @param subtaskIndex   this subtask's index
 * @param parallelism    the operator's parallelism
 * @param maxParallelism number of key groups
 * @param attempt        the execution attempt (0 for the first deployment, +1 per restart)
 * @param keyedBackend   the keyed state backend, or null for a non-keyed operator
 * @param output         where emitted records go (ignored by sinks)
 * @param events         where the operator records what it does for the run's history (a sink's
 *                       transactions); the task stamps each event
 */
public record OperatorContext(
        String operatorId,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        int attempt,
        KeyedStateBackend keyedBackend,
        Output output,
        OperatorEvents events) {

    public OperatorContext {
        Objects.requireNonNull(events, "events");
    }

    /** A context whose events go nowhere ({@link OperatorEvents#NONE}). */
    public OperatorContext(String operatorId, int subtaskIndex, int parallelism, int maxParallelism, int attempt,
                           KeyedStateBackend keyedBackend, Output output) {
        this(operatorId, subtaskIndex, parallelism, maxParallelism, attempt, keyedBackend, output, OperatorEvents.NONE);
    }
}
