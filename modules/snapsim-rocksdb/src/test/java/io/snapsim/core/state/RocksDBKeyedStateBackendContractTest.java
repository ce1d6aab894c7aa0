package io.snapsim.core.state;

import io.snapsim.rocksdb.RocksDBKeyedStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs core's {@link KeyedStateBackendContract} against {@link RocksDBKeyedStateBackend}. It lives
 * in core's package because the contract and its factory method are package-private.
 *
 * <p>The contract creates backends without closing them; this class closes every one it made, and
 * deletes their directories, after each test.
 */
class RocksDBKeyedStateBackendContractTest extends KeyedStateBackendContract {
    private Path root;
    private final List<RocksDBKeyedStateBackend> backends = new ArrayList<>();

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("snapsim-rocksdb-contract");
    }

    @AfterEach
    void closeBackends() throws IOException {
        backends.forEach(RocksDBKeyedStateBackend::close);
        backends.clear();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    KeyedStateBackend newBackend(KeyGroupRange range, int maxParallelism) {
        RocksDBKeyedStateBackend backend =
                new RocksDBKeyedStateBackend(root.resolve("backend-" + backends.size()), range, maxParallelism);
        backends.add(backend);
        return backend;
    }
}
