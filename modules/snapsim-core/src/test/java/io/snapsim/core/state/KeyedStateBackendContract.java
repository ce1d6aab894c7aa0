package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyedStateBackend} must have. Each backend's test extends this and
 * says how to make one; the nested suites then run against it.
 */
abstract class KeyedStateBackendContract {
    static final int MAX_P = KeyGroups.DEFAULT_MAX_PARALLELISM;
    static final KeyGroupRange ALL = new KeyGroupRange(0, MAX_P - 1);

    static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Long.class, 0L);
    static final ValueStateDescriptor<String> NAME = new ValueStateDescriptor<>("name", String.class);
    static final ListStateDescriptor<String> EVENTS = new ListStateDescriptor<>("events", String.class);
    static final MapStateDescriptor<String, Integer> SCORES =
            new MapStateDescriptor<>("scores", String.class, Integer.class);

    abstract KeyedStateBackend newBackend(KeyGroupRange range, int maxParallelism);

    KeyedStateBackend fullBackend() {
        return newBackend(ALL, MAX_P);
    }

    /** Writes some of each kind of state for keys 0..n-1 (as longs). */
    static void fill(KeyedStateBackend backend, int n) {
        ValueState<Long> count = backend.getValueState(COUNT);
        ListState<String> events = backend.getListState(EVENTS);
        MapState<String, Integer> scores = backend.getMapState(SCORES);
        for (long key = 0; key < n; key++) {
            backend.setCurrentKey(key);
            count.update(key * 10);
            if (key % 2 == 0) {
                events.add("e" + key);
                events.add("f" + key);
            }
            if (key % 3 == 0) {
                scores.put("a", (int) key);
                scores.put("b", -1);
            }
        }
    }

    static Object firstKeyOutside(KeyGroupRange range) {
        for (long key = 0; ; key++) {
            if (!range.contains(KeyGroups.assignToKeyGroup(key, MAX_P))) {
                return key;
            }
        }
    }

    @Nested
    class CurrentKey {
        @Test
        void hasNoCurrentKeyBeforeTheFirstOne() {
            assertThat(fullBackend().currentKey()).isNull();
        }

        @Test
        void remembersTheCurrentKey() {
            KeyedStateBackend backend = fullBackend();
            backend.setCurrentKey("alice");
            assertThat(backend.currentKey()).isEqualTo("alice");
        }

        @Test
        void refusesAKeyOfAForeignKeyGroupNamingTheKeyAndTheRange() {
            KeyGroupRange range = KeyGroups.rangeForSubtask(MAX_P, 3, 0);
            KeyedStateBackend backend = newBackend(range, MAX_P);
            backend.setCurrentKey(0L);
            Object foreign = firstKeyOutside(range);
            assertThatThrownBy(() -> backend.setCurrentKey(foreign))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("key " + foreign)
                    .hasMessageContaining("key group " + KeyGroups.assignToKeyGroup(foreign, MAX_P))
                    .hasMessageContaining("[0, 42]");
            assertThat(backend.currentKey()).isEqualTo(0L);
        }

        @Test
        void refusesANullKey() {
            assertThatThrownBy(() -> fullBackend().setCurrentKey(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void refusesStateAccessBeforeAnyKeyIsSet() {
            ValueState<Long> count = fullBackend().getValueState(COUNT);
            assertThatThrownBy(count::value)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("setCurrentKey")
                    .hasMessageContaining("count");
        }

        @Test
        void refusesARangeBeyondTheMaxParallelism() {
            assertThatThrownBy(() -> newBackend(new KeyGroupRange(0, 128), 128))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void reportsItsRangeAndMaxParallelism() {
            KeyedStateBackend backend = newBackend(new KeyGroupRange(10, 20), 64);
            assertThat(backend.keyGroupRange()).isEqualTo(new KeyGroupRange(10, 20));
            assertThat(backend.maxParallelism()).isEqualTo(64);
        }
    }

    @Nested
    class Registration {
        @Test
        void returnsTheSameStateObjectForTheSameDescriptor() {
            KeyedStateBackend backend = fullBackend();
            assertThat(backend.getValueState(COUNT))
                    .isSameAs(backend.getValueState(new ValueStateDescriptor<>("count", Long.class, 0L)));
            assertThat(backend.getListState(EVENTS)).isSameAs(backend.getListState(EVENTS));
            assertThat(backend.getMapState(SCORES)).isSameAs(backend.getMapState(SCORES));
        }

        @Test
        void refusesTheSameNameForAnotherKindOfState() {
            KeyedStateBackend backend = fullBackend();
            backend.getValueState(COUNT);
            assertThatThrownBy(() -> backend.getListState(new ListStateDescriptor<>("count", Long.class)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'count'");
            assertThatThrownBy(() -> backend.getMapState(new MapStateDescriptor<>("count", String.class, Long.class)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesTheSameNameWithAnotherDefaultValue() {
            KeyedStateBackend backend = fullBackend();
            backend.getValueState(COUNT);
            assertThatThrownBy(() -> backend.getValueState(new ValueStateDescriptor<>("count", Long.class, 1L)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already registered");
        }
    }

    @Nested
    class ValueStateSemantics {
        @Test
        void returnsTheDefaultValueForAKeyWithoutValue() {
            KeyedStateBackend backend = fullBackend();
            backend.setCurrentKey("k");
            assertThat(backend.getValueState(COUNT).value()).isEqualTo(0L);
            assertThat(backend.getValueState(NAME).value()).isNull();
        }

        @Test
        void keepsOneValuePerKey() {
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            backend.setCurrentKey("a");
            count.update(1L);
            backend.setCurrentKey("b");
            count.update(2L);
            backend.setCurrentKey("a");
            assertThat(count.value()).isEqualTo(1L);
            backend.setCurrentKey("b");
            assertThat(count.value()).isEqualTo(2L);
            assertThat(backend.numberOfEntries()).isEqualTo(2);
        }

        @Test
        void keepsStatesOfDifferentNamesApart() {
            KeyedStateBackend backend = fullBackend();
            backend.setCurrentKey("a");
            backend.getValueState(COUNT).update(5L);
            backend.getValueState(NAME).update("alice");
            assertThat(backend.getValueState(COUNT).value()).isEqualTo(5L);
            assertThat(backend.getValueState(NAME).value()).isEqualTo("alice");
        }

        @Test
        void clearingOrUpdatingToNullRemovesTheEntryAndBringsBackTheDefault() {
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            backend.setCurrentKey("a");
            count.update(7L);
            count.clear();
            assertThat(count.value()).isEqualTo(0L);
            count.update(7L);
            count.update(null);
            assertThat(count.value()).isEqualTo(0L);
            assertThat(backend.numberOfEntries()).isZero();
        }

        @Test
        void countsPerKeyAcrossManyKeys() {
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            for (int i = 0; i < 30_000; i++) {
                backend.setCurrentKey("user-" + (i % 1000));
                count.update(count.value() + 1);
            }
            backend.setCurrentKey("user-999");
            assertThat(count.value()).isEqualTo(30L);
            assertThat(backend.numberOfEntries()).isEqualTo(1000);
        }
    }

    @Nested
    class ListStateSemantics {
        @Test
        void isEmptyForAKeyWithoutList() {
            KeyedStateBackend backend = fullBackend();
            backend.setCurrentKey("k");
            assertThat(backend.getListState(EVENTS).get()).isEmpty();
        }

        @Test
        void appendsInOrderPerKey() {
            KeyedStateBackend backend = fullBackend();
            ListState<String> events = backend.getListState(EVENTS);
            backend.setCurrentKey("a");
            events.add("1");
            backend.setCurrentKey("b");
            events.add("x");
            backend.setCurrentKey("a");
            events.add("2");
            events.addAll(List.of("3", "4"));
            assertThat(events.get()).containsExactly("1", "2", "3", "4");
            backend.setCurrentKey("b");
            assertThat(events.get()).containsExactly("x");
        }

        @Test
        void returnsACopyThatDoesNotChangeTheState() {
            KeyedStateBackend backend = fullBackend();
            ListState<String> events = backend.getListState(EVENTS);
            backend.setCurrentKey("a");
            events.add("1");
            List<String> copy = events.get();
            events.add("2");
            assertThat(copy).containsExactly("1");
            try {
                copy.add("mutated");
            } catch (UnsupportedOperationException fine) {
                // an unmodifiable copy is a copy too
            }
            assertThat(events.get()).containsExactly("1", "2");
        }

        @Test
        void replacesTheWholeListOnUpdateAndDropsTheKeyWhenEmpty() {
            KeyedStateBackend backend = fullBackend();
            ListState<String> events = backend.getListState(EVENTS);
            backend.setCurrentKey("a");
            events.addAll(List.of("1", "2"));
            List<String> replacement = new ArrayList<>(List.of("9"));
            events.update(replacement);
            replacement.add("later");
            assertThat(events.get()).containsExactly("9");
            events.update(List.of());
            assertThat(events.get()).isEmpty();
            assertThat(backend.numberOfEntries()).isZero();
            events.addAll(List.of());
            assertThat(backend.numberOfEntries()).isZero();
        }

        @Test
        void clearsTheListOfTheCurrentKeyOnly() {
            KeyedStateBackend backend = fullBackend();
            ListState<String> events = backend.getListState(EVENTS);
            backend.setCurrentKey("a");
            events.add("1");
            backend.setCurrentKey("b");
            events.add("2");
            events.clear();
            assertThat(events.get()).isEmpty();
            backend.setCurrentKey("a");
            assertThat(events.get()).containsExactly("1");
        }

        @Test
        void refusesNullElements() {
            KeyedStateBackend backend = fullBackend();
            ListState<String> events = backend.getListState(EVENTS);
            backend.setCurrentKey("a");
            assertThatThrownBy(() -> events.add(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("events");
            assertThatThrownBy(() -> events.addAll(Arrays.asList("x", null))).isInstanceOf(NullPointerException.class);
            assertThat(events.get()).isEmpty();
        }
    }

    @Nested
    class MapStateSemantics {
        @Test
        void putsGetsAndRemovesPerKey() {
            KeyedStateBackend backend = fullBackend();
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            backend.setCurrentKey("a");
            assertThat(scores.isEmpty()).isTrue();
            assertThat(scores.get("x")).isNull();
            scores.put("x", 1);
            scores.put("y", 2);
            backend.setCurrentKey("b");
            scores.put("x", 10);
            backend.setCurrentKey("a");
            assertThat(scores.get("x")).isEqualTo(1);
            assertThat(scores.contains("y")).isTrue();
            scores.remove("y");
            assertThat(scores.contains("y")).isFalse();
            assertThat(scores.isEmpty()).isFalse();
            backend.setCurrentKey("b");
            assertThat(scores.get("x")).isEqualTo(10);
        }

        @Test
        void returnsASortedCopyOfTheEntries() {
            KeyedStateBackend backend = fullBackend();
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            backend.setCurrentKey("a");
            scores.put("c", 3);
            scores.put("a", 1);
            scores.put("b", 2);
            Map<String, Integer> entries = scores.entries();
            assertThat(new ArrayList<>(entries.keySet())).containsExactly("a", "b", "c");
            scores.put("d", 4);
            assertThat(entries).hasSize(3);
        }

        @Test
        void dropsTheKeyWhenItsLastEntryIsRemoved() {
            KeyedStateBackend backend = fullBackend();
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            backend.setCurrentKey("a");
            scores.put("x", 1);
            scores.remove("x");
            assertThat(scores.isEmpty()).isTrue();
            assertThat(scores.entries()).isEmpty();
            assertThat(backend.numberOfEntries()).isZero();
        }

        @Test
        void clearsTheMapOfTheCurrentKey() {
            KeyedStateBackend backend = fullBackend();
            MapState<String, Integer> scores = backend.getMapState(SCORES);
            backend.setCurrentKey("a");
            scores.put("x", 1);
            scores.clear();
            assertThat(scores.isEmpty()).isTrue();
            assertThat(scores.get("x")).isNull();
        }
    }

    @Nested
    class Snapshots {
        @Test
        void restoresExactlyWhatWasSnapshotted() {
            KeyedStateBackend original = fullBackend();
            fill(original, 500);
            KeyedStateBackend restored = fullBackend();
            restored.restore(List.of(original.snapshot()));
            assertThat(restored.contents()).isEqualTo(original.contents());
            assertThat(restored.numberOfEntries()).isEqualTo(original.numberOfEntries());
            restored.setCurrentKey(42L);
            assertThat(restored.getValueState(COUNT).value()).isEqualTo(420L);
            assertThat(restored.getListState(EVENTS).get()).containsExactly("e42", "f42");
            assertThat(restored.getMapState(SCORES).entries()).isEqualTo(Map.of("a", 42, "b", -1));
        }

        @Test
        void isNotAffectedByLaterChangesToTheState() {
            KeyedStateBackend backend = fullBackend();
            fill(backend, 100);
            SortedMap<String, SortedMap<String, Object>> before = backend.contents();
            byte[] snapshot = backend.snapshot();
            byte[] copy = snapshot.clone();
            backend.setCurrentKey(0L);
            backend.getValueState(COUNT).update(-1L);
            backend.getListState(EVENTS).add("later");
            backend.getMapState(SCORES).put("c", 99);
            backend.setCurrentKey(1000L);
            backend.getValueState(COUNT).update(1L);
            assertThat(snapshot).isEqualTo(copy);
            KeyedStateBackend restored = fullBackend();
            restored.restore(List.of(snapshot));
            assertThat(restored.contents()).isEqualTo(before);
        }

        @Test
        void givesEqualBytesForEqualStateWhateverTheOrderOfWrites() {
            KeyedStateBackend forward = fullBackend();
            KeyedStateBackend backward = fullBackend();
            for (int i = 0; i < 300; i++) {
                write(forward, i);
                write(backward, 299 - i);
            }
            assertThat(forward.snapshot()).isEqualTo(backward.snapshot());
        }

        private void write(KeyedStateBackend backend, int i) {
            backend.setCurrentKey("k" + (i % 50));
            backend.getMapState(SCORES).put("s" + i, i);
            backend.getValueState(NAME).update("n" + (i % 50));
        }

        @Test
        void replacesAllExistingStateOnRestore() {
            KeyedStateBackend empty = fullBackend();
            KeyedStateBackend backend = fullBackend();
            fill(backend, 50);
            backend.restore(List.of(empty.snapshot()));
            assertThat(backend.contents()).isEmpty();
            assertThat(backend.numberOfEntries()).isZero();
            fill(backend, 50);
            backend.restore(List.of());
            assertThat(backend.numberOfEntries()).isZero();
        }

        @Test
        void keepsStateObjectsHandedOutBeforeTheRestoreWorking() {
            KeyedStateBackend original = fullBackend();
            fill(original, 10);
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            backend.restore(List.of(original.snapshot()));
            backend.setCurrentKey(3L);
            assertThat(count.value()).isEqualTo(30L);
            assertThat(backend.getValueState(COUNT)).isSameAs(count);
        }

        @Test
        void registersStatesKnownOnlyFromTheSnapshotUntilTheJobAsksForThem() {
            KeyedStateBackend original = fullBackend();
            fill(original, 10);
            KeyedStateBackend backend = fullBackend();
            backend.restore(List.of(original.snapshot()));
            assertThat(backend.contents().keySet()).containsExactly("count", "events", "scores");
            assertThat(backend.snapshot()).isEqualTo(original.snapshot());
            backend.setCurrentKey(999L);
            assertThat(backend.getValueState(COUNT).value()).isEqualTo(0L);
            assertThatThrownBy(() -> backend.getListState(new ListStateDescriptor<>("count", Long.class)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesASnapshotWhoseStateKindDiffersAndLeavesTheBackendUnchanged() {
            KeyedStateBackend original = fullBackend();
            fill(original, 10);
            KeyedStateBackend backend = fullBackend();
            backend.getListState(new ListStateDescriptor<>("count", Long.class));
            backend.setCurrentKey(1L);
            backend.getListState(new ListStateDescriptor<>("count", Long.class)).add(5L);
            assertThatThrownBy(() -> backend.restore(List.of(original.snapshot())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'count'");
            assertThat(backend.numberOfEntries()).isEqualTo(1);
        }

        @Test
        void refusesASnapshotOfAnotherMaxParallelism() {
            KeyedStateBackend original = newBackend(new KeyGroupRange(0, 255), 256);
            fill(original, 10);
            assertThatThrownBy(() -> fullBackend().restore(List.of(original.snapshot())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max parallelism 256")
                    .hasMessageContaining("max parallelism 128");
        }

        @Test
        void refusesSnapshotsThatHoldTheSameKeyTwice() {
            KeyedStateBackend original = fullBackend();
            fill(original, 10);
            byte[] snapshot = original.snapshot();
            assertThatThrownBy(() -> fullBackend().restore(List.of(snapshot, snapshot)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more than once");
        }

        @Test
        void refusesAValueTheCodecCannotEncodeAtTheLatestOnSnapshotNamingStateAndKey() {
            KeyedStateBackend backend = fullBackend();
            backend.setCurrentKey("bob");
            // the heap backend encodes on snapshot, RocksDB on write: either way the error names state and key
            assertThatThrownBy(() -> {
                backend.getValueState(new ValueStateDescriptor<>("thread", Object.class)).update(new Object());
                backend.snapshot();
            })
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'thread'")
                    .hasMessageContaining("bob")
                    .hasMessageContaining("java.lang.Object");
        }

        @Test
        void listsContentsByStateAndKeyWithCopiesOfListsAndMaps() {
            KeyedStateBackend backend = fullBackend();
            fill(backend, 4);
            SortedMap<String, SortedMap<String, Object>> contents = backend.contents();
            assertThat(contents.get("count")).containsEntry("3", 30L).hasSize(4);
            assertThat(contents.get("events")).containsEntry("0", List.of("e0", "f0")).containsEntry("2", List.of("e2", "f2"));
            assertThat(contents.get("scores")).containsEntry("3", new TreeMap<>(Map.of("a", 3, "b", -1)));
            backend.setCurrentKey(0L);
            backend.getListState(EVENTS).add("later");
            assertThat(contents.get("events").get("0")).isEqualTo(List.of("e0", "f0"));
        }

        @Test
        void leavesStatesWithoutEntriesOutOfTheContents() {
            KeyedStateBackend backend = fullBackend();
            backend.getValueState(COUNT);
            assertThat(backend.contents()).isEmpty();
        }

        @Test
        void refusesToListContentsWhenTwoKeysPrintTheSame() {
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            backend.setCurrentKey(1);
            count.update(1L);
            backend.setCurrentKey("1");
            count.update(2L);
            assertThatThrownBy(backend::contents).isInstanceOf(IllegalStateException.class).hasMessageContaining("'1'");
        }
    }

    @Nested
    class Rescaling {
        @Test
        void splitsOneSubtasksStateOverThreeSoThatEachKeyLandsInExactlyOne() {
            KeyedStateBackend original = fullBackend();
            fill(original, 10_000);
            byte[] snapshot = original.snapshot();

            List<KeyedStateBackend> scaled = restoreAt(3, List.of(snapshot));

            Map<String, Map<String, Object>> union = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                KeyedStateBackend backend = scaled.get(i);
                backend.contents().forEach((state, entries) -> entries.forEach((key, value) -> {
                    Object previous = union.computeIfAbsent(state, s -> new TreeMap<>()).put(key, value);
                    assertThat(previous).as("%s of state %s in two subtasks", key, state).isNull();
                }));
                for (long key = 0; key < 10_000; key++) {
                    if (KeyGroups.subtaskForKey(key, MAX_P, 3) == i) {
                        backend.setCurrentKey(key);
                        assertThat(backend.getValueState(COUNT).value()).isEqualTo(key * 10);
                    }
                }
            }
            assertThat(union).isEqualTo(original.contents());
            assertThat(scaled.stream().mapToLong(KeyedStateBackend::numberOfEntries).sum())
                    .isEqualTo(original.numberOfEntries());
        }

        @Test
        void mergesThreeSubtasksBackIntoTwoAndThenOne() {
            KeyedStateBackend original = fullBackend();
            fill(original, 3_000);
            List<KeyedStateBackend> three = restoreAt(3, List.of(original.snapshot()));
            List<KeyedStateBackend> two = restoreAt(2, three.stream().map(KeyedStateBackend::snapshot).toList());
            List<KeyedStateBackend> one = restoreAt(1, two.stream().map(KeyedStateBackend::snapshot).toList());
            assertThat(one.get(0).contents()).isEqualTo(original.contents());
            assertThat(one.get(0).snapshot()).isEqualTo(original.snapshot());
        }

        @Test
        void keepsOnlyItsOwnKeyGroupsWhenGivenEverySnapshot() {
            KeyedStateBackend original = fullBackend();
            fill(original, 1_000);
            KeyGroupRange range = KeyGroups.rangeForSubtask(MAX_P, 4, 2);
            KeyedStateBackend backend = newBackend(range, MAX_P);
            backend.restore(List.of(original.snapshot()));
            backend.contents().get("count").keySet().forEach(key ->
                    assertThat(range.contains(KeyGroups.assignToKeyGroup(Long.parseLong(key), MAX_P))).isTrue());
            assertThat(backend.numberOfEntries()).isPositive();
        }

        private List<KeyedStateBackend> restoreAt(int parallelism, List<byte[]> snapshots) {
            List<KeyedStateBackend> backends = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                KeyedStateBackend backend = newBackend(KeyGroups.rangeForSubtask(MAX_P, parallelism, i), MAX_P);
                backend.restore(snapshots);
                backends.add(backend);
            }
            return backends;
        }
    }

    @Nested
    class CorruptSnapshots {
        private byte[] goodSnapshot() {
            KeyedStateBackend backend = fullBackend();
            fill(backend, 20);
            return backend.snapshot();
        }

        @Test
        void failsClearlyOnEveryTruncation() {
            byte[] snapshot = goodSnapshot();
            for (int length = 0; length < snapshot.length; length++) {
                byte[] prefix = Arrays.copyOf(snapshot, length);
                assertThatThrownBy(() -> fullBackend().restore(List.of(prefix)))
                        .as("prefix of %d bytes", length)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("corrupt keyed state snapshot: ");
            }
        }

        @Test
        void failsClearlyOnAnUnknownVersion() {
            byte[] snapshot = goodSnapshot();
            snapshot[0] = 9;
            assertThatThrownBy(() -> fullBackend().restore(List.of(snapshot)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("corrupt keyed state snapshot: snapshot 1 of 1: unknown format version 9"
                            + " (this build reads version 1)");
        }

        @Test
        void failsClearlyOnTrailingBytesAndOnNull() {
            byte[] longer = Arrays.copyOf(goodSnapshot(), goodSnapshot().length + 3);
            assertThatThrownBy(() -> fullBackend().restore(List.of(longer)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 trailing bytes");
            assertThatThrownBy(() -> fullBackend().restore(Arrays.asList(goodSnapshot(), null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("corrupt keyed state snapshot: snapshot 2 of 2 is null");
        }

        @Test
        void failsClearlyOnGarbage() {
            byte[] garbage = "this is not a snapshot at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> fullBackend().restore(List.of(garbage)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("corrupt keyed state snapshot: ");
        }

        @Test
        void eitherRestoresOrFailsWithIllegalArgumentWhateverByteIsFlipped() {
            byte[] snapshot = goodSnapshot();
            Random random = new Random(20240607L);
            for (int trial = 0; trial < 2_000; trial++) {
                byte[] mutated = snapshot.clone();
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                KeyedStateBackend backend = fullBackend();
                try {
                    backend.restore(List.of(mutated));
                } catch (IllegalArgumentException expected) {
                    assertThat(backend.numberOfEntries()).isZero();
                }
            }
        }

        @Test
        void leavesTheBackendUnchangedWhenASnapshotIsCorrupt() {
            KeyedStateBackend backend = fullBackend();
            fill(backend, 20);
            SortedMap<String, SortedMap<String, Object>> before = backend.contents();
            byte[] bad = Arrays.copyOf(goodSnapshot(), 40);
            assertThatThrownBy(() -> backend.restore(List.of(goodSnapshot(), bad)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(backend.contents()).isEqualTo(before);
        }

        @Test
        void refusesAKeyStoredInTheWrongKeyGroup() {
            @SuppressWarnings("unchecked")
            Map<Object, Object>[] tables = new Map[MAX_P];
            for (int i = 0; i < MAX_P; i++) {
                tables[i] = new HashMap<>();
            }
            int wrongGroup = (KeyGroups.assignToKeyGroup("alice", MAX_P) + 1) % MAX_P;
            tables[wrongGroup].put("alice", 1L);
            byte[] snapshot = KeyedStateSnapshotFormat.write(MAX_P,
                    List.of(new KeyedStateSnapshotFormat.StateTable("count", StateKind.VALUE, ALL, tables)));
            assertThatThrownBy(() -> fullBackend().restore(List.of(snapshot)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("corrupt keyed state snapshot: ")
                    .hasMessageContaining("alice")
                    .hasMessageContaining("key group " + wrongGroup);
        }
    }
}
