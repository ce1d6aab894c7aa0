package io.snapsim.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state backends the end-to-end suites run against, each selected purely by configuration keys:
 * the heap ({@code hashmap}, canonical-format checkpoints), RocksDB with native full checkpoints (the
 * database files copied into {@code chk-N/{uid}-{subtask}/}) and RocksDB with incremental checkpoints
 * (SST files uploaded once into {@code {job-dir}/shared/} and referenced by later checkpoints).
 */
public enum TestBackend {
    HASHMAP("hashmap", "hashmap", false),
    ROCKSDB_FULL("rocksdb-full", "rocksdb", false),
    ROCKSDB_INCREMENTAL("rocksdb-incremental", "rocksdb", true);

    private final String label;
    private final String type;
    private final boolean incremental;

    TestBackend(String label, String type, boolean incremental) {
        this.label = label;
        this.type = type;
        this.incremental = incremental;
    }

    /** Whether keyed state lives in RocksDB (slower than the heap: suites shrink their jobs for it). */
    public boolean rocksdb() {
        return type.equals("rocksdb");
    }

    public boolean incremental() {
        return incremental;
    }

    /** The configuration keys that select this backend. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("state.backend.type", type);
        keys.put("execution.checkpointing.incremental", String.valueOf(incremental));
        return keys;
    }

    /** {@code keys} with this backend's keys added (they win over any backend keys in {@code keys}). */
    public Map<String, String> with(Map<String, String> keys) {
        Map<String, String> all = new LinkedHashMap<>(keys);
        all.putAll(keys());
        return all;
    }

    public static List<TestBackend> all() {
        return Arrays.asList(values());
    }

    @Override
    public String toString() {
        return label;
    }
}
