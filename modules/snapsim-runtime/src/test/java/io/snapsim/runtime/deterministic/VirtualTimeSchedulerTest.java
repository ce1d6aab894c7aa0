package io.snapsim.runtime.deterministic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;

class VirtualTimeSchedulerTest {
    private final VirtualTimeScheduler scheduler =
            new VirtualTimeScheduler(ConfigFactory.empty(), NoLogging.getInstance(), Executors.defaultThreadFactory());
    private final List<String> ran = new ArrayList<>();
    /** Runs what it is handed at once, as Pekko's inline contexts do. */
    private final ExecutionContext inline = new ExecutionContext() {
        @Override
        public void execute(Runnable runnable) {
            runnable.run();
        }

        @Override
        public void reportFailure(Throwable cause) {
            ran.add("failure " + cause.getMessage());
        }
    };

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + scheduler.now());
    }

    private Cancellable once(long millis, String name) {
        return scheduler.scheduleOnce(Duration.ofMillis(millis), record(name), inline);
    }

    @Nested
    class Ordering {
        @Test
        void handsOverSameInstantTimersInTheOrderTheyWereScheduled() {
            once(200, "late");
            for (String name : List.of("a", "b", "c", "d", "e")) {
                once(100, name);
            }
            once(50, "early");

            while (scheduler.advanceToNext()) {
                // drain
            }

            assertThat(ran).containsExactly("early@50", "a@100", "b@100", "c@100", "d@100", "e@100", "late@200");
        }

        @Test
        void handsOverEveryTimerDueAtTheInstantInOneAdvance() {
            once(100, "a");
            once(100, "b");
            once(101, "c");

            assertThat(scheduler.advanceToNext()).isTrue();

            assertThat(ran).containsExactly("a@100", "b@100");
            assertThat(scheduler.pendingTimers()).isEqualTo(1);
        }

        @Test
        void handsOverToTheTimersOwnExecutionContext() {
            DeterministicExecutor executor = new DeterministicExecutor(new java.util.SplittableRandom(1));
            scheduler.scheduleOnce(Duration.ofMillis(10), record("queued"), new DeterministicExecutionContext(executor));

            scheduler.advanceToNext();

            assertThat(ran).isEmpty();
            assertThat(executor.pending()).isEqualTo(1);
            executor.runOne();
            assertThat(ran).containsExactly("queued@10");
        }
    }

    @Nested
    class VirtualTime {
        @Test
        void startsAtZeroAndMovesOnlyWhenAdvanced() {
            once(600_000, "ten minutes");

            assertThat(scheduler.now()).isZero();
            assertThat(scheduler.nextDueMillis()).hasValue(600_000);
            assertThat(scheduler.advanceToNext()).isTrue();
            assertThat(scheduler.now()).isEqualTo(600_000);
            assertThat(scheduler.advanceToNext()).isFalse();
            assertThat(scheduler.now()).isEqualTo(600_000);
        }

        @Test
        void roundsAPositiveDelayUpToAWholeMillisecond() {
            scheduler.scheduleOnce(Duration.ofNanos(1), record("tiny"), inline);

            assertThat(ran).isEmpty();
            scheduler.advanceToNext();
            assertThat(ran).containsExactly("tiny@1");
        }

        @Test
        void handsOverAZeroDelayTaskAtOnce() {
            Cancellable handle = scheduler.scheduleOnce(Duration.ZERO, record("now"), inline);

            assertThat(ran).containsExactly("now@0");
            assertThat(scheduler.pendingTimers()).isZero();
            assertThat(handle.cancel()).isFalse();
        }

        @Test
        void offersOneTickPerVirtualMillisecond() {
            assertThat(scheduler.maxFrequency()).isEqualTo(1000.0);
        }
    }

    @Nested
    class Cancelling {
        @Test
        void aCancelledTimerIsNeitherHandedOverNorPending() {
            Cancellable handle = once(100, "cancelled");
            once(200, "kept");

            assertThat(handle.cancel()).isTrue();
            assertThat(handle.isCancelled()).isTrue();
            assertThat(handle.cancel()).isFalse();
            assertThat(scheduler.pendingTimers()).isEqualTo(1);
            while (scheduler.advanceToNext()) {
                // drain
            }
            assertThat(ran).containsExactly("kept@200");
        }

        @Test
        void aTimerCancelledByAnotherOfTheSameInstantDoesNotFire() {
            Cancellable[] victim = new Cancellable[1];
            scheduler.scheduleOnce(Duration.ofMillis(100), () -> ran.add("cancels " + victim[0].cancel()), inline);
            victim[0] = once(100, "victim");

            scheduler.advanceToNext();

            assertThat(ran).containsExactly("cancels true");
        }

        @Test
        void aFiredTimerCannotBeCancelled() {
            Cancellable handle = once(10, "fired");
            scheduler.advanceToNext();

            assertThat(handle.cancel()).isFalse();
            assertThat(handle.isCancelled()).isFalse();
        }
    }

    @Nested
    class Periodic {
        @Test
        void reArmsAtDuePlusIntervalWithoutDrift() {
            scheduler.scheduleAtFixedRate(Duration.ofMillis(100), Duration.ofMillis(250), record("tick"), inline);

            for (int i = 0; i < 4; i++) {
                scheduler.advanceToNext();
            }

            assertThat(ran).containsExactly("tick@100", "tick@350", "tick@600", "tick@850");
            assertThat(scheduler.pendingTimers()).isEqualTo(1);
        }

        @Test
        void stopsWhenCancelled() {
            Cancellable handle = scheduler.scheduleAtFixedRate(Duration.ofMillis(10), Duration.ofMillis(10),
                    record("tick"), inline);
            scheduler.advanceToNext();

            assertThat(handle.cancel()).isTrue();
            assertThat(scheduler.advanceToNext()).isFalse();
            assertThat(ran).containsExactly("tick@10");
        }

        @Test
        void stopsRepeatingWhenItsTaskThrows() {
            scheduler.scheduleAtFixedRate(Duration.ofMillis(10), Duration.ofMillis(10), () -> {
                throw new IllegalStateException("broken");
            }, inline);

            scheduler.advanceToNext();

            assertThat(ran).containsExactly("failure broken");
            assertThat(scheduler.pendingTimers()).isZero();
        }

        @Test
        void refusesAnIntervalOfZero() {
            assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(Duration.ofMillis(10), Duration.ZERO,
                    record("never"), inline)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void supportsFixedDelayThroughScheduleOnce() {
            scheduler.scheduleWithFixedDelay(Duration.ofMillis(5), Duration.ofMillis(20), record("tick"), inline);

            for (int i = 0; i < 3; i++) {
                scheduler.advanceToNext();
            }

            assertThat(ran).containsExactly("tick@5", "tick@25", "tick@45");
        }
    }

    @Nested
    class Closing {
        @Test
        void runsRunOnCloseTasksAndDropsTheRest() {
            once(100, "dropped");
            scheduler.scheduleOnce(Duration.ofMillis(100), (Scheduler.TaskRunOnClose) () -> ran.add("shutdown action"),
                    inline);

            scheduler.close();

            assertThat(ran).containsExactly("shutdown action");
            assertThat(scheduler.pendingTimers()).isZero();
            assertThat(scheduler.advanceToNext()).isFalse();
        }

        @Test
        void refusesToScheduleAfterClosing() {
            scheduler.close();

            assertThatThrownBy(() -> once(10, "late")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> scheduler.scheduleOnce(Duration.ZERO, record("now"), inline))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
