package io.snapsim.core.config;

import java.util.List;

/** The guarantee checkpoints give; value of {@code execution.checkpointing.mode}. */
public enum CheckpointingMode implements ConfigEnum {
    /** Barriers are aligned: a task blocks a channel once its barrier arrived, until all arrived. */
    EXACTLY_ONCE,
    /** Barriers are only tracked: no channel blocks, so records after a barrier may be replayed. */
    AT_LEAST_ONCE;

    @Override
    public List<String> spellings() {
        return List.of(name());
    }
}
