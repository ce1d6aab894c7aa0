package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class KeyGroupsPropertiesTest {

    record Parallelisms(int maxParallelism, int parallelism) {}

    @Provide
    Arbitrary<Parallelisms> parallelisms() {
        Arbitrary<Integer> maxParallelisms = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 1024)),
                Tuple.of(1, Arbitraries.integers().between(1, KeyGroups.UPPER_BOUND_MAX_PARALLELISM)));
        return maxParallelisms.flatMap(maxP -> Arbitraries.integers().between(1, maxP)
                .map(p -> new Parallelisms(maxP, p)));
    }

    @Property
    void rangesOfAParallelismPartitionAllKeyGroupsContiguously(@ForAll("parallelisms") Parallelisms ps) {
        int next = 0;
        for (int i = 0; i < ps.parallelism(); i++) {
            KeyGroupRange range = KeyGroups.rangeForSubtask(ps.maxParallelism(), ps.parallelism(), i);
            assertThat(range.start()).isEqualTo(next);
            assertThat(range.size()).isPositive();
            next = range.end() + 1;
        }
        assertThat(next).isEqualTo(ps.maxParallelism());
    }

    @Property
    void everyKeyGroupMapsToExactlyTheSubtaskWhoseRangeHoldsIt(@ForAll("parallelisms") Parallelisms ps) {
        int[] owners = new int[ps.maxParallelism()];
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < ps.parallelism(); i++) {
            KeyGroupRange range = KeyGroups.rangeForSubtask(ps.maxParallelism(), ps.parallelism(), i);
            for (int keyGroup = range.start(); keyGroup <= range.end(); keyGroup++) {
                owners[keyGroup]++;
                int subtask = KeyGroups.subtaskForKeyGroup(ps.maxParallelism(), ps.parallelism(), keyGroup);
                if (subtask != i) {
                    disagreements.add("key group " + keyGroup + " is in the range of " + i + " but maps to " + subtask);
                }
            }
        }
        assertThat(owners).containsOnly(1);
        assertThat(disagreements).isEmpty();
    }

    @Property
    void aKeyAlwaysGetsTheSameKeyGroupAndItsSubtaskOwnsThatKeyGroup(
            @ForAll int key, @ForAll @IntRange(min = 1, max = 128) int parallelism) {
        int keyGroup = KeyGroups.assignToKeyGroup(key, 128);
        assertThat(KeyGroups.assignToKeyGroup(Integer.valueOf(key), 128)).isEqualTo(keyGroup);
        int subtask = KeyGroups.subtaskForKey(key, 128, parallelism);
        assertThat(KeyGroups.rangeForSubtask(128, parallelism, subtask).contains(keyGroup)).isTrue();
    }

    @Property
    void aStringKeyLandsInAKeyGroupBelowTheMaxParallelism(
            @ForAll String key, @ForAll @IntRange(min = 1, max = 32768) int maxParallelism) {
        assertThat(KeyGroups.assignToKeyGroup(key, maxParallelism)).isBetween(0, maxParallelism - 1);
    }
}
