package io.snapsim.core.sim;

/**
 * What the faults of a simulation are checked against while they are read: the parallelism every
 * subtask index must fit, and whether the run takes checkpoints at all (a fault placed at a
 * checkpoint of a run without checkpoints never fires).
 */
record RunShape(int parallelism, boolean checkpointing) {
}
