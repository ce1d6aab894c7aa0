package io.snapsim.runtime.deterministic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeterministicRuntimeTest {
    private static final long NO_HORIZON = Long.MAX_VALUE;
    private static final long MAX_STEPS = 10_000_000;

    private final List<DeterministicRuntime<?>> started = new ArrayList<>();

    @AfterEach
    void shutDownEverything() {
        started.forEach(DeterministicRuntime::shutdown);
    }

    private <T> DeterministicRuntime<T> start(String name, Behavior<T> guardian, long seed) {
        DeterministicRuntime<T> runtime = DeterministicRuntime.create(name, guardian, seed, ConfigFactory.empty());
        started.add(runtime);
        return runtime;
    }

    private List<String> relayTrace(long seed) {
        RelayProgram program = new RelayProgram(4);
        DeterministicRuntime<Void> runtime = start("relay", program.guardian(), seed);
        program.useClock(runtime.clock());
        assertThat(runtime.runUntil(program::finished, NO_HORIZON, MAX_STEPS)).isTrue();
        runtime.shutdown();
        return program.trace();
    }

    /** A guardian that counts the ticks of a periodic timer. */
    private static Behavior<String> ticking(Duration interval, AtomicInteger ticks) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerAtFixedRate("tick", "tick", interval);
            return Behaviors.receiveMessage(message -> {
                ticks.incrementAndGet();
                return Behaviors.same();
            });
        });
    }

    @Nested
    class Determinism {
        @Test
        void replaysTheSameTraceForTheSameSeedInOneJvm() {
            List<String> first = relayTrace(17);
            List<String> second = relayTrace(17);

            assertThat(first).hasSizeGreaterThan(200);
            assertThat(second).isEqualTo(first);
        }

        @Test
        void givesDifferentTracesForDifferentSeeds() {
            List<String> first = relayTrace(1);

            assertThat(List.of(2L, 3L, 4L, 5L)).anySatisfy(seed -> assertThat(relayTrace(seed)).isNotEqualTo(first));
        }

        @Test
        void deliversSameInstantTimersToAnActorInTheOrderTheyWereStarted() {
            List<String> trace = relayTrace(23);

            for (int node = 0; node < 4; node++) {
                String prefix = "100 node-" + node + " tick ";
                List<String> ticks = trace.stream().filter(line -> line.startsWith(prefix)).toList();
                assertThat(ticks).containsExactly(prefix + "a", prefix + "b", prefix + "c");
            }
        }

        @Test
        void runsEveryActorOnTheDriverThread() {
            Set<Thread> threads = new HashSet<>();
            RelayProgram program = new RelayProgram(3);
            DeterministicRuntime<Void> runtime = start("threads", Behaviors.setup(context -> {
                threads.add(Thread.currentThread());
                return program.guardian();
            }), 5);
            program.useClock(new io.snapsim.core.time.Clock() {
                @Override
                public long millis() {
                    threads.add(Thread.currentThread());
                    return runtime.clock().millis();
                }

                @Override
                public long nanos() {
                    return runtime.clock().nanos();
                }
            });

            runtime.runUntil(program::finished, NO_HORIZON, MAX_STEPS);

            assertThat(threads).containsExactly(Thread.currentThread());
        }

        @Test
        void runsTasksGivenToTheExecutorOnTheDriverAmongTheActors() {
            List<String> trace = new ArrayList<>();
            DeterministicRuntime<String> runtime = start("io", Behaviors.receiveMessage(message -> {
                trace.add(message);
                return Behaviors.same();
            }), 9);
            Thread driver = Thread.currentThread();
            runtime.executor().execute(() -> trace.add("io on driver " + (Thread.currentThread() == driver)));
            runtime.system().tell("message");

            runtime.runUntil(() -> trace.size() == 2, NO_HORIZON, MAX_STEPS);

            assertThat(trace).containsExactlyInAnyOrder("io on driver true", "message");
        }
    }

    @Nested
    class VirtualTime {
        @Test
        void completesATenMinuteTimerInWellUnderASecond() {
            AtomicBoolean woke = new AtomicBoolean();
            DeterministicRuntime<String> runtime = start("sleeper", Behaviors.withTimers(timers -> {
                timers.startSingleTimer("wake", Duration.ofMinutes(10));
                return Behaviors.receiveMessage(message -> {
                    woke.set(true);
                    return Behaviors.same();
                });
            }), 1);

            long startNanos = System.nanoTime();
            boolean done = runtime.runUntil(woke::get, NO_HORIZON, MAX_STEPS);
            long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);

            assertThat(done).isTrue();
            assertThat(runtime.clock().millis()).isEqualTo(Duration.ofMinutes(10).toMillis());
            assertThat(runtime.clock().nanos()).isEqualTo(Duration.ofMinutes(10).toNanos());
            assertThat(wallMillis).isLessThan(1_000);
        }

        @Test
        void doesNotMoveTimeWhileThereIsWorkToDo() {
            AtomicInteger received = new AtomicInteger();
            DeterministicRuntime<String> runtime = start("busy", Behaviors.receiveMessage(message -> {
                received.incrementAndGet();
                return Behaviors.same();
            }), 1);
            for (int i = 0; i < 100; i++) {
                runtime.system().tell("m" + i);
            }

            runtime.runUntil(() -> received.get() == 100, NO_HORIZON, MAX_STEPS);

            assertThat(runtime.clock().millis()).isZero();
        }

        @Test
        void stopsAtTheHorizon() {
            AtomicInteger ticks = new AtomicInteger();
            DeterministicRuntime<String> runtime = start("ticker", ticking(Duration.ofSeconds(1), ticks), 1);

            boolean done = runtime.runUntil(() -> false, 5_500, MAX_STEPS);

            assertThat(done).isFalse();
            assertThat(ticks).hasValue(5);
            assertThat(runtime.clock().millis()).isEqualTo(5_000);
            assertThat(runtime.scheduler().nextDueMillis()).hasValue(6_000);
        }

        @Test
        void continuesFromTheHorizonOnTheNextCall() {
            AtomicInteger ticks = new AtomicInteger();
            DeterministicRuntime<String> runtime = start("ticker", ticking(Duration.ofSeconds(1), ticks), 1);
            runtime.runUntil(() -> false, 5_500, MAX_STEPS);

            runtime.runUntil(() -> ticks.get() == 8, NO_HORIZON, MAX_STEPS);

            assertThat(runtime.clock().millis()).isEqualTo(8_000);
        }

        @Test
        void stopsAfterTheStepBudget() {
            AtomicInteger ticks = new AtomicInteger();
            DeterministicRuntime<String> runtime = start("ticker", ticking(Duration.ofSeconds(1), ticks), 1);

            assertThat(runtime.runUntil(() -> false, NO_HORIZON, 50)).isFalse();
            assertThat(runtime.tasksRun()).isLessThanOrEqualTo(50);
        }

        @Test
        void stopsWhenNothingIsLeftToDo() {
            RelayProgram program = new RelayProgram(3);
            DeterministicRuntime<Void> runtime = start("quiet", program.guardian(), 3);
            program.useClock(runtime.clock());

            boolean done = runtime.runUntil(() -> false, NO_HORIZON, MAX_STEPS);

            assertThat(done).isFalse();
            assertThat(program.finished()).isTrue();
            assertThat(runtime.scheduler().pendingTimers()).isZero();
            assertThat(runtime.pendingTasks()).isZero();
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void runsNothingOfTheGuardianBeforeTheFirstStep() {
            AtomicBoolean started = new AtomicBoolean();
            DeterministicRuntime<String> runtime = start("lazy", Behaviors.setup(context -> {
                started.set(true);
                return Behaviors.empty();
            }), 1);

            assertThat(started).isFalse();
            runtime.runUntil(started::get, NO_HORIZON, MAX_STEPS);
            assertThat(started).isTrue();
        }

        @Test
        void shutsDownCleanly() {
            AtomicInteger ticks = new AtomicInteger();
            DeterministicRuntime<String> runtime = start("closing", ticking(Duration.ofMillis(100), ticks), 1);
            runtime.runUntil(() -> ticks.get() == 3, NO_HORIZON, MAX_STEPS);

            runtime.shutdown();

            assertThat(runtime.isTerminated()).isTrue();
            assertThat(runtime.system().getWhenTerminated().toCompletableFuture()).isCompleted();
            assertThat(runtime.scheduler().pendingTimers()).isZero();
            assertThat(runtime.pendingTasks()).isZero();
            runtime.shutdown();
        }

        @Test
        void leavesNoThreadOfItsOwnBehind() throws InterruptedException {
            DeterministicRuntime<String> runtime = start("threadless", Behaviors.empty(), 1);
            runtime.runUntil(() -> false, NO_HORIZON, MAX_STEPS);

            runtime.shutdown();

            for (int i = 0; i < 100 && !threadsNamed("threadless").isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertThat(threadsNamed("threadless")).isEmpty();
        }

        @Test
        void createsASecondSystemOfTheSameNameAfterTheFirst() {
            for (int round = 0; round < 2; round++) {
                AtomicInteger ticks = new AtomicInteger();
                DeterministicRuntime<String> runtime = start("again", ticking(Duration.ofSeconds(1), ticks), 1);

                assertThat(runtime.runUntil(() -> ticks.get() == 2, NO_HORIZON, MAX_STEPS)).isTrue();
                assertThat(runtime.clock().millis()).isEqualTo(2_000);
                runtime.shutdown();
                assertThat(runtime.isTerminated()).isTrue();
            }
        }

        @Test
        void refusesADeterministicDispatcherInASystemItDidNotCreate() {
            // The virtual-time scheduler too, so the failed system leaves no timer thread behind.
            var config = ConfigFactory.parseString("pekko.actor.default-dispatcher.executor = \""
                    + DeterministicDispatcherConfigurator.class.getName() + "\"\n"
                    + "pekko.scheduler.implementation = \"" + VirtualTimeScheduler.class.getName() + "\"")
                    .withFallback(ConfigFactory.load());

            assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "foreign", config).terminate())
                    .hasStackTraceContaining("needs an actor system created by");
        }
    }

    private static List<String> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(part))
                .toList();
    }
}
