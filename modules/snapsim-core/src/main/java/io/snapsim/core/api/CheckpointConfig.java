package io.snapsim.core.api;

import java.time.Duration;

/**
 * Checkpoint settings of one job, set from code. Every setter writes the Flink configuration key
 * it stands for into the job's settings, so that code, simulation files, {@code -D} options and
 * the global configuration file all meet in one place with one precedence order.
 * Confined to the thread that builds the job.
 */
public final class CheckpointConfig {
    private final JobSettingsBuilder settings;

    CheckpointConfig(JobSettingsBuilder settings) {
        this.settings = settings;
    }

    public void setCheckpointInterval(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be > 0 ms, was " + intervalMillis);
        }
        settings.put("execution.checkpointing.interval", intervalMillis + " ms");
    }

    public void setCheckpointingMode(CheckpointingMode mode) {
        settings.put("execution.checkpointing.mode", mode.name());
    }

    public void setCheckpointTimeout(long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("checkpoint timeout must be > 0 ms, was " + timeoutMillis);
        }
        settings.put("execution.checkpointing.timeout", timeoutMillis + " ms");
    }

    public void setMinPauseBetweenCheckpoints(long minPauseMillis) {
        if (minPauseMillis < 0) {
            throw new IllegalArgumentException("min pause must be >= 0 ms, was " + minPauseMillis);
        }
        settings.put("execution.checkpointing.min-pause", minPauseMillis + " ms");
    }

    public void setMaxConcurrentCheckpoints(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max concurrent checkpoints must be >= 1, was " + max);
        }
        settings.put("execution.checkpointing.max-concurrent-checkpoints", Integer.toString(max));
    }

    public void setTolerableCheckpointFailureNumber(int tolerable) {
        if (tolerable < 0) {
            throw new IllegalArgumentException("tolerable checkpoint failures must be >= 0, was " + tolerable);
        }
        settings.put("execution.checkpointing.tolerable-failed-checkpoints", Integer.toString(tolerable));
    }

    /** Keeps completed checkpoints on disk after the job ends, as the given mode says. */
    public void enableExternalizedCheckpoints(ExternalizedCheckpointCleanup cleanup) {
        setExternalizedCheckpointCleanup(cleanup);
    }

    public void setExternalizedCheckpointCleanup(ExternalizedCheckpointCleanup cleanup) {
        settings.put("execution.checkpointing.externalized-checkpoint-retention", cleanup.name());
    }

    /** Per-job checkpoint directory: overrides {@code state.checkpoints.dir} of the configuration. */
    public void setCheckpointStorage(String checkpointDirectory) {
        settings.put("execution.checkpointing.dir", checkpointDirectory);
    }

    public void setNumRetainedCheckpoints(int numRetained) {
        if (numRetained < 1) {
            throw new IllegalArgumentException("num-retained must be >= 1, was " + numRetained);
        }
        settings.put("execution.checkpointing.num-retained", Integer.toString(numRetained));
    }

    public void setCheckpointTimeout(Duration timeout) {
        setCheckpointTimeout(timeout.toMillis());
    }
}
