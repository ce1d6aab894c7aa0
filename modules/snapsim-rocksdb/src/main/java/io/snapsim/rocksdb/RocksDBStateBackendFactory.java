package io.snapsim.rocksdb;

import io.snapsim.core.backend.BackendSpec;
import io.snapsim.core.backend.CheckpointableKeyedStateBackend;
import io.snapsim.core.backend.StateBackendFactory;
import io.snapsim.core.config.StateBackendType;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code rocksdb} state backend ({@code state.backend.type: rocksdb}): one database per operator
 * subtask and attempt, in a local folder of its own; native checkpoints, incremental when the job
 * says so; canonical savepoints. Registered for {@link java.util.ServiceLoader}. Stateless.
 */
public final class RocksDBStateBackendFactory implements StateBackendFactory {

    @Override
    public StateBackendType type() {
        return StateBackendType.ROCKSDB;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code {java.io.tmpdir}/snapsim-rocksdb/{job-id}-{pid}}: local scratch space, as Flink's
     * {@code io.tmp.dirs}. Job ids follow from seeds, so two processes may run the same job id at
     * the same time (two terminals running one simulation, two test JVMs): the process id keeps
     * their databases apart.
     */
    @Override
    public Optional<Path> localStateRoot(String jobId) {
        return Optional.of(Path.of(System.getProperty("java.io.tmpdir"), "snapsim-rocksdb",
                jobId + "-" + ProcessHandle.current().pid()));
    }

    @Override
    public CheckpointableKeyedStateBackend create(BackendSpec spec) {
        Path directory = localStateRoot(spec.jobId()).orElseThrow().resolve(spec.localFolderName());
        NativeCheckpointSettings checkpointing = new NativeCheckpointSettings(spec.incrementalCheckpoints(),
                new IncrementalUploader(spec.operatorUid(), spec.subtask()));
        return new RocksDBKeyedStateBackend(directory, spec.keyGroups(), spec.maxParallelism(), checkpointing);
    }
}
