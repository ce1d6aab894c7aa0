package io.snapsim.core.api;

/** Keeps keyed state as objects on the heap; checkpoints are full copies. {@code state.backend.type: hashmap}. */
public final class HashMapStateBackend implements StateBackend {
    @Override
    public String typeName() {
        return "hashmap";
    }
}
