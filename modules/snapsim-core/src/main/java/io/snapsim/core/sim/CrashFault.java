package io.snapsim.core.sim;

import java.util.Objects;

/**
 * A subtask throws, either when it is about to process its n-th record or while it snapshots
 * checkpoint n. Exactly one of {@code atRecord} and {@code atCheckpoint} is set.
 *
 * @param operator     the operator's name in the job
 * @param subtask      the subtask index, from 0
 * @param atRecord     crash before processing this record (counted from 1 per subtask), or null
 * @param atCheckpoint crash while snapshotting this checkpoint id (from 1), or null
 */
public record CrashFault(String operator, int subtask, Long atRecord, Long atCheckpoint) implements FaultSpec {

    /** The key under a {@code faults:} item. */
    public static final String TYPE = "crash";

    public CrashFault {
        Objects.requireNonNull(operator, "operator");
        if (operator.isBlank()) {
            throw new IllegalArgumentException("operator must not be empty");
        }
        if (subtask < 0) {
            throw new IllegalArgumentException("subtask must not be negative: " + subtask);
        }
        if ((atRecord == null) == (atCheckpoint == null)) {
            throw new IllegalArgumentException("exactly one of atRecord and atCheckpoint must be set");
        }
        if (atRecord != null && atRecord < 1) {
            throw new IllegalArgumentException("atRecord must be at least 1: " + atRecord);
        }
        if (atCheckpoint != null && atCheckpoint < 1) {
            throw new IllegalArgumentException("atCheckpoint must be at least 1: " + atCheckpoint);
        }
    }

    /** A crash before the subtask processes its {@code record}-th record. */
    public static CrashFault atRecord(String operator, int subtask, long record) {
        return new CrashFault(operator, subtask, record, null);
    }

    /** A crash while the subtask snapshots checkpoint {@code checkpointId}. */
    public static CrashFault atCheckpoint(String operator, int subtask, long checkpointId) {
        return new CrashFault(operator, subtask, null, checkpointId);
    }

    @Override
    public FaultType<CrashFault> faultType() {
        return CrashFaultType.INSTANCE;
    }
}
