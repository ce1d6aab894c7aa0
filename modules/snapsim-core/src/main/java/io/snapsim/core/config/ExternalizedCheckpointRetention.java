package io.snapsim.core.config;

import java.util.List;

/**
 * What happens to completed checkpoints when the job ends; value of
 * {@code execution.checkpointing.externalized-checkpoint-retention}. A finished job always deletes them.
 */
public enum ExternalizedCheckpointRetention implements ConfigEnum {
    /** Checkpoints are deleted whenever the job ends. */
    NO_EXTERNALIZED_CHECKPOINTS,
    /** Checkpoints are deleted on cancellation but kept when the job fails terminally. */
    DELETE_ON_CANCELLATION,
    /** Checkpoints are kept on cancellation and on terminal failure; the user cleans them up. */
    RETAIN_ON_CANCELLATION;

    @Override
    public List<String> spellings() {
        return List.of(name());
    }
}
