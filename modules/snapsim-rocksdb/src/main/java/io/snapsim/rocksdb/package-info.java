/**
 * Keyed state in RocksDB, like Flink's {@code rocksdb} state backend ({@code state.backend.type: rocksdb}).
 *
 * <ul>
 *   <li>{@link io.snapsim.rocksdb.RocksDBKeyedStateBackend}: the backend; canonical snapshots for
 *       savepoints and rescaling, native checkpoints for everything else;
 *   <li>{@link io.snapsim.rocksdb.NativeSnapshot}: a RocksDB checkpoint (hard-linked SST files);
 *   <li>{@link io.snapsim.rocksdb.IncrementalUploader}: copies a native snapshot into
 *       {@code {jobDir}/shared/} and {@code chk-{id}/}, only new SST files when incremental
 *       ({@code execution.checkpointing.incremental});
 *   <li>{@link io.snapsim.rocksdb.IncrementalStateHandle}: what a checkpoint needs to restore one
 *       subtask, with a versioned byte form for the checkpoint metadata;
 *   <li>{@link io.snapsim.rocksdb.SharedStateRegistry}: reference counts deciding when a shared file
 *       may be deleted.
 * </ul>
 * Depends on snapsim-core only; no actors.
 */
package io.snapsim.rocksdb;
