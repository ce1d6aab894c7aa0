package io.snapsim.runtime.archfixture.rocks;

import io.snapsim.rocksdb.RocksDBKeyedStateBackend;

/** A planted violation for {@code ArchitectureTest}: a runtime class naming the RocksDB module. */
public final class NamesRocksDB {
    RocksDBKeyedStateBackend backend;
}
