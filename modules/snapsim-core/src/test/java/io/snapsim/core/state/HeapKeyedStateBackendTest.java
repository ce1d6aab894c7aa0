package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snapsim.core.api.state.ValueState;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest extends KeyedStateBackendContract {

    @Override
    KeyedStateBackend newBackend(KeyGroupRange range, int maxParallelism) {
        return new HeapKeyedStateBackend(range, maxParallelism);
    }

    @Nested
    class HotPath {
        @Test
        void doesNotAllocateWhenReadingAndUpdatingExistingValues() {
            var threads = ManagementFactory.getThreadMXBean();
            assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
            var allocation = (com.sun.management.ThreadMXBean) threads;
            KeyedStateBackend backend = fullBackend();
            ValueState<Long> count = backend.getValueState(COUNT);
            Long[] keys = new Long[1000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (long) i;
                backend.setCurrentKey(keys[i]);
                count.update(keys[i]);
            }
            run(backend, count, keys, 200_000);

            long before = allocation.getCurrentThreadAllocatedBytes();
            long sum = run(backend, count, keys, 1_000_000);
            long allocated = allocation.getCurrentThreadAllocatedBytes() - before;

            assertThat(sum).isPositive();
            assertThat(allocated).as("bytes allocated by one million records").isLessThan(64 * 1024);
        }

        private long run(KeyedStateBackend backend, ValueState<Long> count, Long[] keys, int records) {
            long sum = 0;
            for (int i = 0; i < records; i++) {
                Long key = keys[i % keys.length];
                backend.setCurrentKey(key);
                Long value = count.value();
                sum += value;
                count.update(key);
            }
            return sum;
        }
    }
}
