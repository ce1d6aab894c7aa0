package io.snapsim.cli;

/**
 * The state backends the command-line suites run against, each selected purely by configuration
 * keys in a simulation's {@code config:} block: the heap ({@code hashmap}, canonical-format
 * checkpoints), RocksDB with native full checkpoints (the database files copied into
 * {@code chk-N/{uid}-{subtask}/}, self-contained) and RocksDB with incremental checkpoints (SST files
 * uploaded once into {@code {job-dir}/shared/} and referenced by later checkpoints: not self-contained).
 */
enum TestBackend {
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

    boolean rocksdb() {
        return type.equals("rocksdb");
    }

    boolean incremental() {
        return incremental;
    }

    /** This backend's keys as lines of a simulation's {@code config:} block (two-space indent). */
    String configLines() {
        return "  state.backend.type: " + type + "\n  execution.checkpointing.incremental: " + incremental + "\n";
    }

    @Override
    public String toString() {
        return label;
    }
}
