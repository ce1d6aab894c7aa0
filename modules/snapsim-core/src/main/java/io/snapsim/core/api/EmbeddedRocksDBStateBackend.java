package io.snapsim.core.api;

/**
 * Keeps keyed state in an embedded RocksDB instance per subtask ({@code state.backend.type: rocksdb}).
 * {@code incremental} stands for {@code execution.checkpointing.incremental}. Needs the
 * snapsim-rocksdb module on the class path of the runtime.
 */
public class EmbeddedRocksDBStateBackend implements StateBackend {
    private final boolean incremental;

    public EmbeddedRocksDBStateBackend() {
        this(false);
    }

    public EmbeddedRocksDBStateBackend(boolean incremental) {
        this.incremental = incremental;
    }

    @Override
    public String typeName() {
        return "rocksdb";
    }

    public boolean isIncremental() {
        return incremental;
    }
}
