package io.snapsim.core.config;

import java.util.List;

/** Where keyed state lives; value of {@code state.backend.type}. */
public enum StateBackendType implements ConfigEnum {
    /** State as objects on the heap; every checkpoint is a full copy. */
    HASHMAP("hashmap"),
    /** State in an LSM store; checkpoints may be incremental. */
    ROCKSDB("rocksdb");

    private final List<String> spellings;

    StateBackendType(String... spellings) {
        this.spellings = List.of(spellings);
    }

    @Override
    public List<String> spellings() {
        return spellings;
    }
}
