package io.snapsim.runtime.task;

/**
 * A crash a task must perform: at its operator's {@code atRecord}-th record of this attempt, or when it
 * snapshots checkpoint {@code atCheckpoint} (0 when unused).
 */
public record ArmedFault(int faultIndex, String operatorUid, int subtask, long atRecord, long atCheckpoint) {
}
