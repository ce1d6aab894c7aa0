package io.snapsim.runtime.fault;

/**
 * A fault the checkpoint coordinator performs while completing checkpoint {@code atCheckpoint}.
 *
 * @param operator for the damage kinds: whose state file to damage (null: the first file of the checkpoint)
 * @param subtask  with {@code operator}: which subtask's state file (null: any subtask of the operator)
 */
public record CoordinatorFault(int faultIndex, Kind kind, long atCheckpoint, String operator, Integer subtask) {

    /** What happens. */
    public enum Kind {
        /** Crash after {@code _metadata} is written, before the store records the checkpoint. */
        CRASH_AFTER_METADATA,
        /** Crash after the store recorded the checkpoint, before any task is notified. */
        CRASH_BEFORE_NOTIFY,
        /** After completion: corrupt one state file, then fail the job so that it must restore. */
        CORRUPT_DATA,
        /** After completion: delete one state file, then fail the job. */
        DELETE_DATA,
        /** After completion: corrupt {@code _metadata}, then fail the job. */
        CORRUPT_METADATA,
        /** After completion: delete {@code _metadata}, then fail the job. */
        DELETE_METADATA;

        /** True for the kinds that crash the coordinator (the others damage the checkpoint). */
        public boolean isCrash() {
            return this == CRASH_AFTER_METADATA || this == CRASH_BEFORE_NOTIFY;
        }
    }

    /** A fault aimed at no operator in particular. */
    public CoordinatorFault(int faultIndex, Kind kind, long atCheckpoint) {
        this(faultIndex, kind, atCheckpoint, null, null);
    }
}
