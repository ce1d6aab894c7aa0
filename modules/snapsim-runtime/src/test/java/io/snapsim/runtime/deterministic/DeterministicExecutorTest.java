package io.snapsim.runtime.deterministic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeterministicExecutorTest {

    private static DeterministicExecutor seeded(long seed) {
        return new DeterministicExecutor(new SplittableRandom(seed));
    }

    private static List<Integer> pickOrder(long seed, int tasks) {
        DeterministicExecutor executor = seeded(seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int id = i;
            executor.execute(() -> order.add(id));
        }
        while (executor.runOne()) {
            // drain
        }
        return order;
    }

    @Nested
    class Queueing {
        @Test
        void queuesTasksWithoutRunningThem() {
            DeterministicExecutor executor = seeded(1);
            List<String> ran = new ArrayList<>();
            executor.execute(() -> ran.add("a"));
            executor.execute(() -> ran.add("b"));

            assertThat(ran).isEmpty();
            assertThat(executor.pending()).isEqualTo(2);
        }

        @Test
        void runsThePickedTaskOnTheCallingThread() {
            DeterministicExecutor executor = seeded(1);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            executor.execute(() -> ranOn.set(Thread.currentThread()));

            assertThat(executor.runOne()).isTrue();
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(executor.pending()).isZero();
            assertThat(executor.executed()).isEqualTo(1);
        }

        @Test
        void reportsAnEmptyQueue() {
            assertThat(seeded(1).runOne()).isFalse();
        }

        @Test
        void acceptsTasksFromOtherThreads() throws Exception {
            DeterministicExecutor executor = seeded(3);
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            int[] counter = new int[1];
            for (int t = 0; t < 4; t++) {
                done.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < 1_000; i++) {
                        executor.execute(() -> counter[0]++);
                    }
                }, submitters));
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            submitters.shutdown();

            assertThat(executor.pending()).isEqualTo(4_000);
            while (executor.runOne()) {
                // drain on this thread
            }
            assertThat(counter[0]).isEqualTo(4_000);
        }
    }

    @Nested
    class Picking {
        @Test
        void picksTheSameOrderForTheSameSeed() {
            assertThat(pickOrder(42, 50)).isEqualTo(pickOrder(42, 50));
        }

        @Test
        void picksDifferentOrdersForDifferentSeeds() {
            List<Integer> first = pickOrder(1, 50);
            assertThat(List.of(2L, 3L, 4L, 5L)).anySatisfy(seed -> assertThat(pickOrder(seed, 50)).isNotEqualTo(first));
        }

        @Test
        void picksUniformlyAmongQueuedTasks() {
            DeterministicExecutor executor = seeded(7);
            int[] firstPicks = new int[4];
            int rounds = 8_000;
            for (int round = 0; round < rounds; round++) {
                boolean[] picked = new boolean[1];
                for (int i = 0; i < 4; i++) {
                    int id = i;
                    executor.execute(() -> {
                        if (!picked[0]) {
                            picked[0] = true;
                            firstPicks[id]++;
                        }
                    });
                }
                while (executor.runOne()) {
                    // drain the round
                }
            }
            for (int count : firstPicks) {
                assertThat(count).isBetween(rounds / 4 - 300, rounds / 4 + 300);
            }
        }

        @Test
        void aTaskQueuedWhileRunningCompetesWithTheRest() {
            DeterministicExecutor executor = seeded(11);
            List<String> order = new ArrayList<>();
            executor.execute(() -> {
                order.add("parent");
                executor.execute(() -> order.add("child"));
            });
            while (executor.runOne()) {
                // drain
            }
            assertThat(order).containsExactly("parent", "child");
        }
    }

    @Nested
    class Driver {
        @Test
        void refusesToBeDrivenFromASecondThread() throws Exception {
            DeterministicExecutor executor = seeded(1);
            executor.runOne();

            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(executor::runOne);

            assertThatThrownBy(() -> other.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("driven by thread");
        }

        @Test
        void refusesANestedRunFromInsideATask() {
            DeterministicExecutor executor = seeded(1);
            executor.execute(executor::runOne);

            assertThatThrownBy(executor::runOne)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a task");
        }

        @Test
        void letsATaskFailureReachTheDriver() {
            DeterministicExecutor executor = seeded(1);
            executor.execute(() -> {
                throw new IllegalArgumentException("boom");
            });

            assertThatThrownBy(executor::runOne).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
            assertThat(executor.runOne()).isFalse();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
