package io.snapsim.runtime.fault;

/** A fault the checkpoint coordinator performs while completing checkpoint {@code atCheckpoint}. */
public record CoordinatorFault(int faultIndex, Kind kind, long atCheckpoint) {

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
        DELETE_METADATA
    }
}
