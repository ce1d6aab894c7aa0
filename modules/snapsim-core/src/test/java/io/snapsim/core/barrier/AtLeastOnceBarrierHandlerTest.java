package io.snapsim.core.barrier;

import static io.snapsim.core.barrier.Element.barrier;
import static io.snapsim.core.barrier.Element.cancel;
import static io.snapsim.core.barrier.Element.d;
import static io.snapsim.core.barrier.Element.eop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** AT_LEAST_ONCE barrier tracking, driven through a {@link ScriptedTask}. */
class AtLeastOnceBarrierHandlerTest {

    @Nested
    class CommonScenarios extends BarrierHandlerScenarios {
        @Override
        ScriptedTask newTask(int channels) {
            return ScriptedTask.atLeastOnce(channels);
        }
    }

    @Nested
    class NoBlocking {

        @Test
        void recordsThatOvertakeABarrierAreProcessedAndLandInTheSnapshot() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);

            task.feed(d(0, 1), barrier(0, 1), d(0, 2));
            assertThat(task.newOutput()).containsExactly("d(0,1)", "alignStart 1", "d(0,2)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.handler().isBlocked(0)).isFalse();

            task.feed(d(1, 1), barrier(1, 1), d(1, 2));
            assertThat(task.newOutput()).containsExactly("d(1,1)", "trigger 1", "d(1,2)");
            assertThat(task.processedAtTrigger(1)).containsExactly(List.of(1, 2), List.of(1));
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void neverBlocksWhateverArrives() {
            ScriptedTask task = ScriptedTask.atLeastOnce(3);
            Element[] script = {barrier(0, 1), d(0, 1), barrier(0, 2), barrier(1, 2), cancel(2, 3),
                d(2, 1), barrier(1, 4), eop(0), barrier(2, 4)};

            for (Element element : script) {
                task.feed(element);
                assertThat(task.blocked()).isEmpty();
                assertThat(task.queuedElements()).isZero();
            }
            assertThat(task.output()).containsExactly("alignStart 1", "d(0,1)", "alignStart 2",
                    "abort 3 CANCELLATION_MARKER", "d(2,1)", "alignStart 4",
                    "abort 1 SUBSUMED_BY_NEWER_BARRIER", "abort 2 SUBSUMED_BY_NEWER_BARRIER", "trigger 4");
        }
    }

    @Nested
    class ConcurrentCheckpoints {

        @Test
        void tracksSeveralPendingCheckpointsAndTriggersEachInTurn() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);

            task.feed(barrier(0, 1), barrier(0, 2), barrier(0, 3));
            assertThat(task.newOutput()).containsExactly("alignStart 1", "alignStart 2", "alignStart 3");

            task.feed(barrier(1, 1));
            assertThat(task.newOutput()).containsExactly("trigger 1");
            task.feed(barrier(1, 2));
            assertThat(task.newOutput()).containsExactly("trigger 2");
            task.feed(barrier(1, 3));
            assertThat(task.newOutput()).containsExactly("trigger 3");
            assertThat(task.triggered()).containsExactly(1L, 2L, 3L);
            assertThat(task.aborted()).isEmpty();
        }

        @Test
        void aTriggerAbortsTheOlderPendingCheckpointsFirst() {
            ScriptedTask task = ScriptedTask.atLeastOnce(3);
            task.feed(barrier(0, 1), barrier(2, 1), barrier(0, 2), barrier(2, 2));
            task.newOutput();

            // channel 1 never carried barrier 1 (its upstream skipped it)
            task.feed(barrier(1, 2));
            assertThat(task.newOutput()).containsExactly("abort 1 SUBSUMED_BY_NEWER_BARRIER", "trigger 2");
            assertThat(task.triggered()).containsExactly(2L);
            assertThat(task.aborted()).containsExactly(1L);
        }

        @Test
        void aBarrierOlderThanTheNewestSeenStartsNothing() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);
            task.feed(barrier(0, 3), barrier(1, 2), barrier(1, 3));

            assertThat(task.output()).containsExactly("alignStart 3", "trigger 3");
        }

        @Test
        void aCancellationMarkerAbortsOnlyItsOwnPendingCheckpoint() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);
            task.feed(barrier(0, 1), barrier(0, 2), cancel(1, 2));
            assertThat(task.output()).containsExactly("alignStart 1", "alignStart 2", "abort 2 CANCELLATION_MARKER");

            task.feed(barrier(1, 1));
            assertThat(task.triggered()).containsExactly(1L);
            assertThat(task.aborted()).containsExactly(2L);
        }

        @Test
        void aCoordinatorAbortAbortsOnlyThatPendingCheckpoint() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);
            task.feed(barrier(0, 1), barrier(0, 2));
            task.coordinatorAborts(1);
            task.feed(barrier(1, 1), barrier(1, 2));

            assertThat(task.output()).containsExactly(
                    "alignStart 1", "alignStart 2", "abort 1 ABORTED_BY_COORDINATOR", "trigger 2");
        }

        @Test
        void theSameChannelMustNotDeliverABarrierTwice() {
            BarrierHandler handler = BarrierHandlers.atLeastOnce(2, new RecordingController());
            handler.processBarrier(0, 1, 0);

            assertThatThrownBy(() -> handler.processBarrier(0, 1, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class EndOfPartition {

        @Test
        void anEndCompletesEveryPendingCheckpointItWasHoldingBackOldestFirst() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);
            task.feed(barrier(0, 1), barrier(0, 2), d(1, 1));
            task.newOutput();

            task.feed(eop(1));
            assertThat(task.newOutput()).containsExactly("trigger 1", "trigger 2");
            assertThat(task.aborted()).isEmpty();
        }

        @Test
        void aChannelThatDeliveredTheBarrierAndThenEndedDoesNotCountForTheOthers() {
            ScriptedTask task = ScriptedTask.atLeastOnce(3);
            task.feed(barrier(0, 1), eop(0), barrier(1, 1));
            assertThat(task.triggered()).isEmpty();

            task.feed(barrier(2, 1));
            assertThat(task.triggered()).containsExactly(1L);
        }

        @Test
        void aPendingCheckpointCompletesWhenEveryChannelHasEnded() {
            ScriptedTask task = ScriptedTask.atLeastOnce(2);
            task.feed(barrier(0, 1), eop(0));
            assertThat(task.triggered()).isEmpty();

            task.feed(eop(1));
            assertThat(task.output()).containsExactly("alignStart 1", "trigger 1");
        }
    }
}
