package io.snapsim.core.backend;

import io.snapsim.core.state.KeyGroupRange;
import java.util.Objects;

/**
 * What a {@link StateBackendFactory} needs to create one backend. Immutable.
 *
 * @param jobId                  the job, which names the backend's local folder (if it has one)
 * @param operatorUid            the operator's stable id; names the backend's files in checkpoints
 * @param subtask                the subtask index
 * @param attempt                the execution attempt: each attempt's backend gets a folder of its own
 * @param keyGroups              the key groups the backend holds
 * @param maxParallelism         the number of key groups keys are hashed into
 * @param incrementalCheckpoints whether checkpoints in a native format upload only what the last
 *                               completed checkpoint lacks ({@code execution.checkpointing.incremental})
 */
public record BackendSpec(String jobId, String operatorUid, int subtask, int attempt, KeyGroupRange keyGroups,
                          int maxParallelism, boolean incrementalCheckpoints) {
    public BackendSpec {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(operatorUid, "operatorUid");
        Objects.requireNonNull(keyGroups, "keyGroups");
    }

    /** The name of this backend's own folder under its factory's local root: {@code {uid}-{subtask}-attempt-{attempt}}. */
    public String localFolderName() {
        return operatorUid + "-" + subtask + "-attempt-" + attempt;
    }
}
