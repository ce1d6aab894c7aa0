package io.snapsim.rocksdb;

import static io.snapsim.rocksdb.TestStates.ALL;
import static io.snapsim.rocksdb.TestStates.COUNT;
import static io.snapsim.rocksdb.TestStates.EVENTS;
import static io.snapsim.rocksdb.TestStates.MAX_P;
import static io.snapsim.rocksdb.TestStates.SCORES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.state.HeapKeyedStateBackend;
import io.snapsim.core.state.KeyGroups;
import io.snapsim.core.state.KeyedStateBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDBKeyedStateBackendTest {
    @TempDir
    Path directory;

    private final List<RocksDBKeyedStateBackend> backends = new ArrayList<>();

    @AfterEach
    void closeBackends() {
        backends.forEach(RocksDBKeyedStateBackend::close);
    }

    private RocksDBKeyedStateBackend newBackend(String name) {
        RocksDBKeyedStateBackend backend = new RocksDBKeyedStateBackend(directory.resolve(name), ALL, MAX_P);
        backends.add(backend);
        return backend;
    }

    @Nested
    class Writes {
        @Test
        void refusesAValueTheCodecCannotEncodeWhenItIsWrittenNamingStateAndKey() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            backend.setCurrentKey("bob");
            ValueState<Object> thread = backend.getValueState(new ValueStateDescriptor<>("thread", Object.class));
            assertThatThrownBy(() -> thread.update(new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'thread'")
                    .hasMessageContaining("bob")
                    .hasMessageContaining("java.lang.Object");
            assertThat(thread.value()).isNull();
            assertThat(backend.numberOfEntries()).isZero();
        }

        @Test
        void refusesAKeyTheCodecCannotEncodeAndKeepsTheCurrentKey() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            backend.setCurrentKey("alice");
            Object unencodable = new Object() {
                @Override
                public int hashCode() {
                    return 7;
                }
            };
            assertThatThrownBy(() -> backend.setCurrentKey(unencodable))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot use");
            backend.getValueState(COUNT).update(3L);
            assertThat(backend.currentKey()).isEqualTo("alice");
            assertThat(backend.contents().get("count")).containsEntry("alice", 3L);
        }

        @Test
        void storesCopiesSoChangingAnObjectAfterwardsChangesNothing() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            @SuppressWarnings("unchecked")
            Class<List<String>> type = (Class<List<String>>) (Class<?>) List.class;
            ValueState<List<String>> tags = backend.getValueState(new ValueStateDescriptor<>("tags", type));
            backend.setCurrentKey(1L);
            List<String> value = new ArrayList<>(List.of("x"));
            tags.update(value);
            value.add("changed after update");
            tags.value().add("changed after read");
            assertThat(tags.value()).containsExactly("x");
        }

        @Test
        void readsValuesLargerThanItsReusedBuffer() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            ValueState<byte[]> blob = backend.getValueState(new ValueStateDescriptor<>("blob", byte[].class));
            ListState<String> events = backend.getListState(EVENTS);
            byte[] large = new byte[100_000];
            Arrays.fill(large, (byte) 7);
            backend.setCurrentKey("k");
            blob.update(large);
            for (int i = 0; i < 2_000; i++) {
                events.add("event-" + i);
            }
            assertThat(blob.value()).isEqualTo(large);
            assertThat(events.get()).hasSize(2_000).startsWith("event-0").endsWith("event-1999");
        }

        @Test
        void keepsTheMapsOfKeysWhoseEncodingsShareLeadingBytesApart() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            List<Object> keys = List.of("k", "k2", "kk", 1, 1L, List.of("k"), List.of("k", "k"));
            for (int i = 0; i < keys.size(); i++) {
                backend.setCurrentKey(keys.get(i));
                scores.put("only-" + i, i);
            }
            for (int i = 0; i < keys.size(); i++) {
                backend.setCurrentKey(keys.get(i));
                assertThat(scores.entries()).containsExactly(Map.entry("only-" + i, i));
            }
            backend.setCurrentKey("k");
            scores.clear();
            backend.setCurrentKey("k2");
            assertThat(scores.isEmpty()).isFalse();
            assertThat(backend.numberOfEntries()).isEqualTo(keys.size() - 1);
        }

        @Test
        void keepsNullMapValuesAsEntries() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            backend.setCurrentKey("k");
            scores.put("none", null);
            assertThat(scores.contains("none")).isTrue();
            assertThat(scores.get("none")).isNull();
            assertThat(scores.isEmpty()).isFalse();
            HeapKeyedStateBackend heap = new HeapKeyedStateBackend(ALL, MAX_P);
            heap.restore(List.of(backend.snapshot()));
            assertThat(heap.contents()).isEqualTo(backend.contents());
        }
    }

    @Nested
    class HotPath {
        @Test
        void allocatesOnlyTheDecodedValueWhenReadingAndUpdatingExistingValues() {
            var threads = ManagementFactory.getThreadMXBean();
            assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
            var allocation = (com.sun.management.ThreadMXBean) threads;
            RocksDBKeyedStateBackend backend = newBackend("b");
            ValueState<Long> count = backend.getValueState(COUNT);
            Long[] keys = new Long[1000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (long) i;
                backend.setCurrentKey(keys[i]);
                count.update(1_000L + i);
            }
            run(backend, count, keys, 20_000);

            int records = 100_000;
            long before = allocation.getCurrentThreadAllocatedBytes();
            long sum = run(backend, count, keys, records);
            long allocated = allocation.getCurrentThreadAllocatedBytes() - before;

            assertThat(sum).isPositive();
            // the decoded Long (24 bytes); key and value buffers, read and write options are reused
            assertThat(allocated / records).as("bytes allocated per record").isLessThanOrEqualTo(32);
        }

        private long run(RocksDBKeyedStateBackend backend, ValueState<Long> count, Long[] keys, int records) {
            long sum = 0;
            for (int i = 0; i < records; i++) {
                Long key = keys[i % keys.length];
                backend.setCurrentKey(key);
                sum += count.value();
                count.update(key);
            }
            return sum;
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void createsNoDatabaseBeforeTheFirstWrite() throws IOException {
            RocksDBKeyedStateBackend backend = newBackend("b");
            backend.setCurrentKey("k");
            assertThat(backend.getValueState(COUNT).value()).isZero();
            assertThat(backend.getMapState(SCORES).entries()).isEmpty();
            assertThat(backend.snapshot()).isNotEmpty();
            assertThat(Files.exists(directory.resolve("b"))).isFalse();
            backend.getValueState(COUNT).update(1L);
            assertThat(listing(directory.resolve("b"))).containsExactly("db-1");
        }

        @Test
        void writesRestoredEntriesIntoANewDatabaseOnFirstUse() throws IOException {
            RocksDBKeyedStateBackend original = newBackend("original");
            TestStates.fill(original, 100);
            RocksDBKeyedStateBackend backend = newBackend("b");
            backend.restore(List.of(original.snapshot()));
            assertThat(Files.exists(directory.resolve("b"))).isFalse();
            backend.setCurrentKey(7L);
            backend.getMapState(SCORES).remove("a");
            assertThat(listing(directory.resolve("b"))).containsExactly("db-1");
            assertThat(backend.getMapState(SCORES).entries()).isEqualTo(Map.of("b", -1));
            assertThat(backend.getValueState(COUNT).value()).isEqualTo(70L);
            assertThat(backend.numberOfEntries()).isEqualTo(original.numberOfEntries());
        }

        @Test
        void deletesItsDirectoryOnCloseAndRefusesUseAfterwards() {
            RocksDBKeyedStateBackend backend = newBackend("b");
            ValueState<Long> count = backend.getValueState(COUNT);
            backend.setCurrentKey("k");
            count.update(5L);
            backend.close();
            backend.close();
            assertThat(Files.exists(directory.resolve("b"))).isFalse();
            assertThatThrownBy(count::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> backend.setCurrentKey("k")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(backend::snapshot).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAnInstanceDirectoryThatIsNotEmpty() throws IOException {
            Path used = Files.createDirectories(directory.resolve("used"));
            Files.writeString(used.resolve("something"), "x");
            assertThatThrownBy(() -> new RocksDBKeyedStateBackend(used, ALL, MAX_P))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not empty");
        }

        private List<String> listing(Path path) throws IOException {
            try (Stream<Path> entries = Files.list(path)) {
                return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
            }
        }
    }

    @Nested
    class CanonicalSnapshots {
        @Test
        void restoresARocksDBSnapshotIntoTheHeapBackendAndBack() {
            RocksDBKeyedStateBackend rocks = newBackend("rocks");
            TestStates.fill(rocks, 2_000);
            HeapKeyedStateBackend heap = new HeapKeyedStateBackend(ALL, MAX_P);
            heap.restore(List.of(rocks.snapshot()));
            assertThat(heap.contents()).isEqualTo(rocks.contents());

            heap.setCurrentKey(3L);
            heap.getListState(EVENTS).add("from heap");
            RocksDBKeyedStateBackend back = newBackend("back");
            back.restore(List.of(heap.snapshot()));
            assertThat(back.contents()).isEqualTo(heap.contents());
            back.setCurrentKey(3L);
            assertThat(back.getListState(EVENTS).get()).containsExactly("from heap");
        }

        @Test
        void writesTheSameBytesAsTheHeapBackendForTheSameState() {
            RocksDBKeyedStateBackend rocks = newBackend("rocks");
            HeapKeyedStateBackend heap = new HeapKeyedStateBackend(ALL, MAX_P);
            TestStates.fill(rocks, 1_000);
            TestStates.fill(heap, 1_000);
            assertThat(rocks.snapshot()).isEqualTo(heap.snapshot());
        }

        @Test
        void splitsItsStateOverTwoBackendsOfEitherKind() {
            RocksDBKeyedStateBackend rocks = newBackend("rocks");
            TestStates.fill(rocks, 3_000);
            byte[] snapshot = rocks.snapshot();
            KeyedStateBackend first = new HeapKeyedStateBackend(KeyGroups.rangeForSubtask(MAX_P, 2, 0), MAX_P);
            RocksDBKeyedStateBackend second = new RocksDBKeyedStateBackend(
                    directory.resolve("second"), KeyGroups.rangeForSubtask(MAX_P, 2, 1), MAX_P);
            backends.add(second);
            first.restore(List.of(snapshot));
            second.restore(List.of(snapshot));
            assertThat(first.numberOfEntries() + second.numberOfEntries()).isEqualTo(rocks.numberOfEntries());
            Map<String, Object> merged = new HashMap<>(first.contents().get("count"));
            merged.putAll(second.contents().get("count"));
            assertThat(merged).isEqualTo(rocks.contents().get("count"));
        }

        @Test
        void refusesToRestoreAStateUnderAnotherKindAndKeepsItsState() {
            RocksDBKeyedStateBackend original = newBackend("original");
            TestStates.fill(original, 10);
            RocksDBKeyedStateBackend backend = newBackend("b");
            MapState<String, Long> wrongKind =
                    backend.getMapState(new MapStateDescriptor<>("events", String.class, Long.class));
            backend.setCurrentKey(1L);
            wrongKind.put("x", 1L);
            assertThatThrownBy(() -> backend.restore(List.of(original.snapshot())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'events'");
            assertThat(wrongKind.get("x")).isEqualTo(1L);
            assertThatThrownBy(() -> backend.getListState(new ListStateDescriptor<>("events", String.class)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
