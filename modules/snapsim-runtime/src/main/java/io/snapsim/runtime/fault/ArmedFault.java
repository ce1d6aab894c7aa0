package io.snapsim.runtime.fault;

import io.snapsim.core.sim.Faults.CheckpointPhase;

/**
 * A fault a subtask must perform, from the simulation's fault plan. Every fault fires at most once
 * per run: the job master re-arms only faults that have not fired yet.
 *
 * @param faultIndex  the fault's index in the plan (reported when it fires)
 * @param kind        what happens
 * @param operatorUid the operator of the subtask
 * @param subtask     the subtask index
 * @param atRecord    CRASH: at the operator's n-th record of this attempt (0: unused)
 * @param atCheckpoint CRASH at checkpoint n in {@code phase}; FAIL_WRITE / SLOW_WRITE of checkpoint n's state;
 *                    SINK_COMMIT_FAIL of checkpoint n's commit (0: unused)
 * @param phase       where in checkpoint {@code atCheckpoint} a crash happens
 * @param atTime      CRASH at this time of the job's clock (absolute milliseconds; 0: unused)
 * @param delay       SLOW_WRITE: extra milliseconds the state write takes
 */
public record ArmedFault(int faultIndex, Kind kind, String operatorUid, int subtask, long atRecord, long atCheckpoint,
                         CheckpointPhase phase, long atTime, long delay) {

    /** What a task-side fault does. */
    public enum Kind { CRASH, FAIL_WRITE, SLOW_WRITE, SINK_COMMIT_FAIL }

    /** A crash at a record (atRecord > 0) or before the snapshot of a checkpoint (atCheckpoint > 0). */
    public ArmedFault(int faultIndex, String operatorUid, int subtask, long atRecord, long atCheckpoint) {
        this(faultIndex, Kind.CRASH, operatorUid, subtask, atRecord, atCheckpoint, CheckpointPhase.BEFORE_SNAPSHOT, 0, 0);
    }

    public boolean isCrashAt(long checkpointId, CheckpointPhase p) {
        return kind == Kind.CRASH && atCheckpoint == checkpointId && phase == p;
    }
}
