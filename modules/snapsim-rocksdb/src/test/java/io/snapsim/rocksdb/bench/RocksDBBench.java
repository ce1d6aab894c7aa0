package io.snapsim.rocksdb.bench;

import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.state.HeapKeyedStateBackend;
import io.snapsim.core.state.KeyGroupRange;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.state.KeyedStateBackend;
import io.snapsim.core.storage.IncrementalStateHandle;
import io.snapsim.core.storage.SnapshotTree;
import io.snapsim.rocksdb.IncrementalUploader;
import io.snapsim.rocksdb.RocksDBKeyedStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small benchmark of the RocksDB backend, run by hand (not a test):
 * <ol>
 *   <li>checkpoint sizes for {@code keys} value-state keys: a full native checkpoint, the first
 *       incremental one, and the incremental one after updating 1% of the keys;
 *   <li>the time to restore all keys from the local incremental checkpoint (and, for comparison,
 *       from a canonical snapshot);
 *   <li>value-state read-modify-write throughput over all keys in random order, RocksDB and heap.
 * </ol>
 * Usage: {@code RocksDBBench [keys (default 1000000)] [work directory (default: a temporary one)]}.
 * The only place of this module that reads the wall clock.
 */
public final class RocksDBBench {
    private static final int MAX_P = KeyGroups.DEFAULT_MAX_PARALLELISM;
    private static final KeyGroupRange ALL = new KeyGroupRange(0, MAX_P - 1);
    private static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Long.class, 0L);

    private RocksDBBench() {}

    public static void main(String[] args) throws IOException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory("snapsim-rocksdb-bench");
        System.out.printf("keys=%,d cores=%d java=%s maxHeap=%d MiB dir=%s%n", keys,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, root);
        try {
            run(keys, root);
        } finally {
            deleteRecursively(root);
        }
    }

    private static void run(int keys, Path root) {
        Path jobDirectory = root.resolve("job");
        IncrementalUploader uploader = new IncrementalUploader("bench", 0);
        Long[] boxedKeys = new Long[keys];
        for (int i = 0; i < keys; i++) {
            boxedKeys[i] = (long) i;
        }

        try (RocksDBKeyedStateBackend backend = new RocksDBKeyedStateBackend(root.resolve("instance"), ALL, MAX_P)) {
            ValueState<Long> count = backend.getValueState(COUNT);
            long start = System.nanoTime();
            for (Long key : boxedKeys) {
                backend.setCurrentKey(key);
                count.update(key * 10);
            }
            report("fill", keys, System.nanoTime() - start);

            // (a) checkpoint sizes
            start = System.nanoTime();
            IncrementalStateHandle full = backend.fullCheckpoint(1, uploader, jobDirectory.resolve("chk-1"));
            long fullNanos = System.nanoTime() - start;
            backend.notifyCheckpointComplete(1);
            start = System.nanoTime();
            IncrementalStateHandle firstIncremental = backend.incrementalCheckpoint(2, uploader, jobDirectory,
                    jobDirectory.resolve("chk-2"));
            long firstNanos = System.nanoTime() - start;
            backend.notifyCheckpointComplete(2);
            int updated = 0;
            for (int i = 0; i < keys; i += 100) {
                backend.setCurrentKey(boxedKeys[i]);
                count.update(count.value() + 1);
                updated++;
            }
            start = System.nanoTime();
            IncrementalStateHandle delta = backend.incrementalCheckpoint(3, uploader, jobDirectory,
                    jobDirectory.resolve("chk-3"));
            long deltaNanos = System.nanoTime() - start;
            System.out.printf("(a) full native checkpoint:          %,13d bytes (%d files) in %,d ms%n",
                    full.checkpointedSize(), full.privateFiles().size(), fullNanos / 1_000_000);
            System.out.printf("    first incremental checkpoint:    %,13d bytes uploaded, full size %,d, in %,d ms%n",
                    firstIncremental.checkpointedSize(), firstIncremental.fullSize(), firstNanos / 1_000_000);
            System.out.printf("    incremental after %,d updates: %,13d bytes uploaded (%d new SST, %d reused SST,"
                            + " %,d private bytes), full size %,d, in %,d ms%n",
                    updated, delta.checkpointedSize(), delta.newSharedFileKeys().size(),
                    delta.sharedFiles().size() - delta.newSharedFileKeys().size(),
                    delta.privateFiles().stream().mapToLong(IncrementalStateHandle.PrivateFile::size).sum(),
                    delta.fullSize(), deltaNanos / 1_000_000);
            System.out.printf("    ratio incremental / full:        %.4f (%.2f%%)%n",
                    (double) delta.checkpointedSize() / full.checkpointedSize(),
                    100.0 * delta.checkpointedSize() / full.checkpointedSize());

            start = System.nanoTime();
            byte[] canonical = backend.snapshot();
            System.out.printf("    canonical snapshot (savepoint):  %,13d bytes in %,d ms%n", canonical.length,
                    (System.nanoTime() - start) / 1_000_000);

            // (b) restore
            try (RocksDBKeyedStateBackend restored =
                    new RocksDBKeyedStateBackend(root.resolve("restored"), ALL, MAX_P)) {
                start = System.nanoTime();
                restored.restoreFromIncremental(delta, SnapshotTree.ofCheckpoint(jobDirectory.resolve("chk-3")));
                restored.setCurrentKey(boxedKeys[keys - 1]);
                Long last = restored.getValueState(COUNT).value();
                long restoreNanos = System.nanoTime() - start;
                System.out.printf("(b) restore from the local incremental checkpoint: %,d ms (%,d bytes copied);"
                        + " last key's value %d%n", restoreNanos / 1_000_000, delta.fullSize(), last);
                start = System.nanoTime();
                long entries = restored.numberOfEntries();
                System.out.printf("    then counting its %,d entries by a full scan: %,d ms%n", entries,
                        (System.nanoTime() - start) / 1_000_000);
            }
            try (RocksDBKeyedStateBackend restored =
                    new RocksDBKeyedStateBackend(root.resolve("restored-canonical"), ALL, MAX_P)) {
                start = System.nanoTime();
                restored.restore(List.of(canonical));
                restored.setCurrentKey(boxedKeys[keys - 1]);
                restored.getValueState(COUNT).value();
                System.out.printf("    for comparison, restore from the canonical snapshot: %,d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
            }

            // (c) throughput
            Long[] order = shuffled(boxedKeys, 42L);
            throughput("(c) RocksDB value state read+update, random keys", backend, count, order);
        }
        KeyedStateBackend heap = new HeapKeyedStateBackend(ALL, MAX_P);
        ValueState<Long> heapCount = heap.getValueState(COUNT);
        for (Long key : boxedKeys) {
            heap.setCurrentKey(key);
            heapCount.update(key);
        }
        throughput("    heap value state read+update, random keys", heap, heapCount, shuffled(boxedKeys, 42L));
    }

    private static void throughput(String label, KeyedStateBackend backend, ValueState<Long> count, Long[] order) {
        long checksum = pass(backend, count, order, order.length / 2); // warm-up
        long operations = 3L * order.length;
        long start = System.nanoTime();
        checksum += pass(backend, count, order, operations);
        long nanos = System.nanoTime() - start;
        System.out.printf("%s: %,.0f updates/s (%,d updates in %,d ms, %.2f us each; checksum %d)%n", label,
                operations * 1e9 / nanos, operations, nanos / 1_000_000, nanos / 1e3 / operations, checksum);
    }

    private static long pass(KeyedStateBackend backend, ValueState<Long> count, Long[] order, long operations) {
        long checksum = 0;
        for (long i = 0; i < operations; i++) {
            backend.setCurrentKey(order[(int) (i % order.length)]);
            long value = count.value();
            count.update(value + 1);
            checksum += value;
        }
        return checksum;
    }

    private static Long[] shuffled(Long[] keys, long seed) {
        Long[] order = keys.clone();
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static void report(String what, long operations, long nanos) {
        System.out.printf("%s: %,d in %,d ms (%,.0f per second)%n", what, operations, nanos / 1_000_000,
                operations * 1e9 / nanos);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
