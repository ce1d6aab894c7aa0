package io.snapsim.core.config;

import java.util.List;

/** Who owns a snapshot a job was started from; value of {@code execution.state-recovery.claim-mode}. */
public enum RecoveryClaimMode implements ConfigEnum {
    /** The job never touches the restored snapshot, and its first checkpoint is a full one. */
    NO_CLAIM,
    /** The job owns the restored snapshot and deletes it once it is subsumed. */
    CLAIM;

    @Override
    public List<String> spellings() {
        return List.of(name());
    }
}
