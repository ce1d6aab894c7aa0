package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

    /** Flink's default when nothing sets the max parallelism: 1.5 x parallelism, rounded up to a power of two, in [128, 32768]. */
    @Nested
    class DefaultMaxParallelism {
        @Test
        void isAtLeast128() {
            assertThat(KeyGroups.computeDefaultMaxParallelism(1)).isEqualTo(128);
            assertThat(KeyGroups.computeDefaultMaxParallelism(2)).isEqualTo(128);
            assertThat(KeyGroups.computeDefaultMaxParallelism(85)).as("127.5 -> 127 -> 128").isEqualTo(128);
        }

        @Test
        void roundsOneAndAHalfTimesTheParallelismUpToAPowerOfTwo() {
            assertThat(KeyGroups.computeDefaultMaxParallelism(100)).as("150").isEqualTo(256);
            assertThat(KeyGroups.computeDefaultMaxParallelism(250)).as("375").isEqualTo(512);
            assertThat(KeyGroups.computeDefaultMaxParallelism(342)).as("513").isEqualTo(1024);
            assertThat(KeyGroups.computeDefaultMaxParallelism(1024)).as("1536").isEqualTo(2048);
        }

        @Test
        void isAtMost32768() {
            assertThat(KeyGroups.computeDefaultMaxParallelism(30_000)).as("45000").isEqualTo(32768);
            assertThat(KeyGroups.computeDefaultMaxParallelism(32_768)).isEqualTo(32768);
        }

        @Test
        void refusesAParallelismBelowOne() {
            assertThatThrownBy(() -> KeyGroups.computeDefaultMaxParallelism(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism 0");
        }
    }

    @Nested
    class AssignToKeyGroup {
        @Test
        void givesTheSameKeyGroupsAsWhenTheHashFunctionWasChosen() {
            int maxP = KeyGroups.DEFAULT_MAX_PARALLELISM;
            assertThat(KeyGroups.assignToKeyGroup(0, maxP)).isEqualTo(0);
            assertThat(KeyGroups.assignToKeyGroup(1, maxP)).isEqualTo(55);
            assertThat(KeyGroups.assignToKeyGroup(42, maxP)).isEqualTo(92);
            assertThat(KeyGroups.assignToKeyGroup(-7, maxP)).isEqualTo(99);
            assertThat(KeyGroups.assignToKeyGroup(123456789, maxP)).isEqualTo(26);
            assertThat(KeyGroups.assignToKeyGroup(42L, maxP)).isEqualTo(92);
            assertThat(KeyGroups.assignToKeyGroup("a", maxP)).isEqualTo(25);
            assertThat(KeyGroups.assignToKeyGroup("hello", maxP)).isEqualTo(16);
            assertThat(KeyGroups.assignToKeyGroup("key-1", maxP)).isEqualTo(54);
            assertThat(KeyGroups.assignToKeyGroup("user-42", maxP)).isEqualTo(68);
            assertThat(KeyGroups.assignToKeyGroup(true, maxP)).isEqualTo(104);
            assertThat(KeyGroups.assignToKeyGroup(3.5, maxP)).isEqualTo(44);
            assertThat(KeyGroups.assignToKeyGroup(1, 32768)).isEqualTo(10423);
            assertThat(KeyGroups.assignToKeyGroup("hello", 32768)).isEqualTo(6800);
        }

        @Test
        void spreadsTenThousandIntegerKeysOverEveryKeyGroup() {
            assertSpreadsEvenly(i -> i);
        }

        @Test
        void spreadsTenThousandStringKeysOverEveryKeyGroup() {
            assertSpreadsEvenly(i -> "key-" + i);
        }

        @Test
        void alwaysReturnsAKeyGroupBelowTheMaxParallelism() {
            for (int maxP : new int[] {1, 2, 3, 7, 128, 1000, KeyGroups.UPPER_BOUND_MAX_PARALLELISM}) {
                for (int key : new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
                    assertThat(KeyGroups.assignToKeyGroup(key, maxP)).isBetween(0, maxP - 1);
                }
            }
        }

        @Test
        void hashesEnumConstantsByNameSoThatTheyAreStableAcrossRuns() {
            assertThat(KeyGroups.assignToKeyGroup(TimeUnit.SECONDS, 128))
                    .isEqualTo(KeyGroups.assignToKeyGroup("SECONDS", 128));
        }

        @Test
        void refusesNullAndArrayKeys() {
            assertThatThrownBy(() -> KeyGroups.assignToKeyGroup(null, 128)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> KeyGroups.assignToKeyGroup(new byte[] {1}, 128))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("array");
        }

        @Test
        void refusesAMaxParallelismOutsideOneTo32768() {
            assertThatThrownBy(() -> KeyGroups.assignToKeyGroup(1, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max parallelism 0");
            assertThatThrownBy(() -> KeyGroups.assignToKeyGroup(1, 32769)).isInstanceOf(IllegalArgumentException.class);
        }

        private void assertSpreadsEvenly(IntFunction<Object> keyOf) {
            int[] perGroup = new int[128];
            for (int i = 0; i < 10_000; i++) {
                perGroup[KeyGroups.assignToKeyGroup(keyOf.apply(i), 128)]++;
            }
            // 78 keys per group on average; a decent hash stays well within half and one and a half times that
            assertThat(Arrays.stream(perGroup).min().orElseThrow()).isGreaterThanOrEqualTo(40);
            assertThat(Arrays.stream(perGroup).max().orElseThrow()).isLessThanOrEqualTo(120);
        }
    }

    @Nested
    class Ranges {
        @Test
        void splitsTheDefaultMaxParallelismIntoThreeRangesLikeFlink() {
            assertThat(KeyGroups.rangeForSubtask(128, 3, 0)).isEqualTo(new KeyGroupRange(0, 42));
            assertThat(KeyGroups.rangeForSubtask(128, 3, 1)).isEqualTo(new KeyGroupRange(43, 85));
            assertThat(KeyGroups.rangeForSubtask(128, 3, 2)).isEqualTo(new KeyGroupRange(86, 127));
        }

        @Test
        void givesTheWholeRangeToASingleSubtaskAndOneKeyGroupEachAtFullParallelism() {
            assertThat(KeyGroups.rangeForSubtask(128, 1, 0)).isEqualTo(new KeyGroupRange(0, 127));
            for (int i = 0; i < 128; i++) {
                assertThat(KeyGroups.rangeForSubtask(128, 128, i)).isEqualTo(new KeyGroupRange(i, i));
            }
        }

        @Test
        void partitionsTheDefaultMaxParallelismContiguouslyForEveryParallelism() {
            for (int p = 1; p <= 128; p++) {
                int next = 0;
                for (int i = 0; i < p; i++) {
                    KeyGroupRange range = KeyGroups.rangeForSubtask(128, p, i);
                    assertThat(range.start()).isEqualTo(next);
                    assertThat(range.isEmpty()).isFalse();
                    for (int keyGroup = range.start(); keyGroup <= range.end(); keyGroup++) {
                        assertThat(KeyGroups.subtaskForKeyGroup(128, p, keyGroup)).isEqualTo(i);
                    }
                    next = range.end() + 1;
                }
                assertThat(next).isEqualTo(128);
            }
        }

        @Test
        void sendsAKeyToTheSubtaskWhoseRangeHoldsItsKeyGroup() {
            for (int key = 0; key < 1000; key++) {
                int subtask = KeyGroups.subtaskForKey(key, 128, 3);
                assertThat(KeyGroups.rangeForSubtask(128, 3, subtask).contains(KeyGroups.assignToKeyGroup(key, 128)))
                        .isTrue();
            }
        }

        @Test
        void refusesParallelismAboveTheMaxParallelismAndBadIndexes() {
            assertThatThrownBy(() -> KeyGroups.rangeForSubtask(128, 129, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parallelism 129");
            assertThatThrownBy(() -> KeyGroups.rangeForSubtask(128, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> KeyGroups.rangeForSubtask(128, 3, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("subtask index 3");
            assertThatThrownBy(() -> KeyGroups.subtaskForKeyGroup(128, 3, 128))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key group 128");
            assertThatThrownBy(() -> KeyGroups.subtaskForKeyGroup(128, 3, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
