/**
 * State backends as the runtime drives them around checkpoints: a backend is created for its
 * {@link io.snapsim.core.config.StateBackendType} by a {@link io.snapsim.core.backend.StateBackendFactory}
 * found with {@link java.util.ServiceLoader} ({@link io.snapsim.core.backend.StateBackends}), and
 * offers the hooks of {@link io.snapsim.core.backend.CheckpointableKeyedStateBackend}: the
 * synchronous part of a snapshot, its write on any thread, completion and abort notices, and
 * restore from its own native format. The runtime names no backend implementation: the heap
 * backend is registered by core, RocksDB by the {@code snapsim-rocksdb} module.
 *
 * <p>A package of its own because it joins {@code state} (the backends) and {@code storage}
 * (handles and checkpoint folders), and {@code storage} already depends on {@code state}.
 */
package io.snapsim.core.backend;
