package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The phases of a task's life, in the order a task goes through them. */
public enum TaskPhase {
    /** Spawned, waiting for its channels and the start. */
    DEPLOYING,
    /** Reading its state from the checkpoint it restores. */
    RESTORING,
    /** Processing records, taking part in checkpoints. */
    RUNNING,
    /** Its input ended: waiting for the final checkpoint to complete and its output to drain. */
    DRAINING,
    /** Done: every record processed and committed. Terminal. */
    FINISHED,
    /** Failed with an exception. Terminal. */
    FAILED,
    /** Stopped by the master (a failover or a cancel). Terminal. */
    CANCELLED,
    /** Stopped after a stop-with-savepoint. Terminal. */
    STOPPED;

    /** True for the phases a task never leaves. */
    public boolean isTerminal() {
        return ordinal() >= FINISHED.ordinal();
    }

    @JsonValue
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
