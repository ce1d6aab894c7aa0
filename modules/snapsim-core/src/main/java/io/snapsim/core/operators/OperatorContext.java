package io.snapsim.core.operators;

import io.snapsim.core.state.KeyedStateBackend;

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
 */
public record OperatorContext(
        String operatorId,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        int attempt,
        KeyedStateBackend keyedBackend,
        Output output) {
}
