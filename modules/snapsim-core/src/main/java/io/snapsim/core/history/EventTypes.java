package io.snapsim.core.history;

/**
 * The history event types that summaries and verdicts read back from {@code history.jsonl}, as the
 * runtime writes them. A planned fault's index in the plan travels in the event's {@code fault}
 * field; counters in its {@code counts}.
 */
public final class EventTypes {
    /** A planned fault (or planned cancel or savepoint) took effect; written by whoever performed it. */
    public static final String FAULT_FIRED = "fault-fired";
    /** The master fails the job over; names the fault when a planned fault caused it. */
    public static final String FAILOVER = "failover";
    /** The master learnt that the coordinator crashed as planned; names the fault. */
    public static final String COORDINATOR_CRASHED = "coordinator-crashed";
    /** The master deployed an attempt; its checkpoint is the one restored, or -1 for a fresh start. */
    public static final String DEPLOY = "deploy";
    /** The job ended in failure; the detail says why. */
    public static final String JOB_FAILED = "job-failed";
    /** Every retained checkpoint was damaged: the job has nothing intact to restore from and fails. */
    public static final String NO_INTACT_CHECKPOINT = "no-intact-checkpoint";
    /**
     * A task of an attempt stopped, for whatever reason (finished, failed, cancelled, replaced); its
     * counts hold {@link #SOURCE_RECORDS} and {@link #SINK_RECORDS}.
     */
    public static final String TASK_ENDED = "task-ended";
    /** Counter of a {@link #TASK_ENDED} event: records the task's source read. */
    public static final String SOURCE_RECORDS = "sourceRecords";
    /** Counter of a {@link #TASK_ENDED} event: records the task's sink wrote. */
    public static final String SINK_RECORDS = "sinkRecords";

    private EventTypes() {
    }
}
