package io.snapsim.core.backend;

/**
 * Who owns the files of a checkpoint that a job was restored from, as Flink's
 * {@code execution.state-recovery.claim-mode}. Decides whether the next incremental checkpoint may
 * reference the restored shared files.
 */
public enum ClaimMode {
    /**
     * The job owns the restored checkpoint: its shared files are reused by the next incremental
     * checkpoint, and deleted once no retained checkpoint references them.
     */
    CLAIM,
    /**
     * The job never touches the restored checkpoint: the next incremental checkpoint references
     * none of its files and uploads every SST file anew (Flink's "first checkpoint is a full one").
     */
    NO_CLAIM
}
