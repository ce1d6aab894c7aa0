/**
 * Keyed state in RocksDB, like Flink's {@code rocksdb} state backend ({@code state.backend.type: rocksdb}).
 *
 * <ul>
 *   <li>{@link io.snapsim.rocksdb.RocksDBStateBackendFactory}: how the runtime finds this backend
 *       ({@link java.util.ServiceLoader}); the runtime names no class of this package;
 *   <li>{@link io.snapsim.rocksdb.RocksDBKeyedStateBackend}: the backend; canonical snapshots for
 *       savepoints and rescaling, native checkpoints for everything else;
 *   <li>{@link io.snapsim.rocksdb.NativeSnapshot}: a RocksDB checkpoint (hard-linked SST files);
 *   <li>{@link io.snapsim.rocksdb.IncrementalUploader}: copies a native snapshot into
 *       {@code {jobDir}/shared/} and {@code chk-{id}/}, only new SST files when incremental
 *       ({@code execution.checkpointing.incremental}).
 * </ul>
 * What a checkpoint records of these files ({@link io.snapsim.core.storage.IncrementalStateHandle})
 * and who may delete them ({@link io.snapsim.core.storage.SharedStateRegistry}) live in core, where
 * the coordinator and the restore checks read them. Depends on snapsim-core only; no actors.
 */
package io.snapsim.rocksdb;
