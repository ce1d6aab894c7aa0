package io.snapsim.core.barrier;

import static io.snapsim.core.barrier.Element.barrier;
import static io.snapsim.core.barrier.Element.cancel;
import static io.snapsim.core.barrier.Element.d;
import static io.snapsim.core.barrier.Element.eop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenarios on which every checkpointing mode agrees; each mode's test class runs them through a
 * {@code @Nested} subclass.
 */
abstract class BarrierHandlerScenarios {

    abstract ScriptedTask newTask(int channels);

    @Test
    void aSingleChannelTriggersAtTheBarrier() {
        ScriptedTask task = newTask(1);
        task.feed(d(0, 1), barrier(0, 1), d(0, 2));

        assertThat(task.output()).containsExactly("d(0,1)", "alignStart 1", "trigger 1", "d(0,2)");
        assertThat(task.blocked()).isEmpty();
    }

    @Test
    void triggersOnceTheBarrierArrivedOnEveryChannel() {
        ScriptedTask task = newTask(3);
        task.feed(barrier(2, 1), barrier(0, 1));
        assertThat(task.triggered()).isEmpty();

        task.feed(barrier(1, 1));
        assertThat(task.output()).containsExactly("alignStart 1", "trigger 1");
        assertThat(task.triggerTimestamp(1)).isEqualTo(Element.timestampOf(1));
    }

    @Test
    void aCancellationMarkerBeforeAnyBarrierAbortsOnceAndTheLateBarriersAreIgnored() {
        ScriptedTask task = newTask(2);
        task.feed(cancel(0, 1), barrier(1, 1), cancel(1, 1), barrier(0, 1));

        assertThat(task.output()).containsExactly("abort 1 CANCELLATION_MARKER");
        assertThat(task.blocked()).isEmpty();
    }

    @Test
    void aCancellationMarkerAbortsAStartedCheckpointAndItsLaterBarriersAreIgnored() {
        ScriptedTask task = newTask(3);
        task.feed(barrier(0, 1), cancel(1, 1), barrier(2, 1), d(2, 1));

        assertThat(task.output()).containsExactly("alignStart 1", "abort 1 CANCELLATION_MARKER", "d(2,1)");
        assertThat(task.blocked()).isEmpty();
    }

    @Test
    void theEndOfTheLastMissingChannelTriggers() {
        ScriptedTask task = newTask(2);
        task.feed(barrier(0, 1), eop(1));

        assertThat(task.output()).containsExactly("alignStart 1", "trigger 1");
    }

    @Test
    void aChannelThatEndedEarlierIsNotWaitedFor() {
        ScriptedTask task = newTask(3);
        task.feed(eop(0), barrier(1, 1), barrier(2, 1), eop(2), barrier(1, 2));

        assertThat(task.output()).containsExactly("alignStart 1", "trigger 1", "alignStart 2", "trigger 2");
    }

    @Test
    void aCoordinatorAbortOfAStartedCheckpointAbortsItOnce() {
        ScriptedTask task = newTask(2);
        task.feed(barrier(0, 1));
        task.coordinatorAborts(1).coordinatorAborts(1).feed(barrier(1, 1), cancel(1, 1));

        assertThat(task.output()).containsExactly("alignStart 1", "abort 1 ABORTED_BY_COORDINATOR");
    }

    @Test
    void aCoordinatorAbortInAdvanceMakesTheCheckpointsBarriersIgnored() {
        ScriptedTask task = newTask(2);
        task.coordinatorAborts(2);
        task.feed(barrier(0, 2), barrier(1, 2));
        assertThat(task.output()).isEmpty();
        assertThat(task.handler().latestCheckpointId()).isEqualTo(2);

        task.feed(barrier(0, 3), barrier(1, 3));
        assertThat(task.output()).containsExactly("alignStart 3", "trigger 3");
    }

    @Test
    void aTriggeredCheckpointIsNeverTriggeredAgainNorAborted() {
        ScriptedTask task = newTask(2);
        task.feed(barrier(0, 1), barrier(1, 1));
        task.coordinatorAborts(1);
        task.feed(cancel(0, 1), barrier(0, 1), barrier(1, 1));

        assertThat(task.output()).containsExactly("alignStart 1", "trigger 1");
    }

    @Test
    void anAbortedCheckpointIsNeverAbortedAgain() {
        ScriptedTask task = newTask(2);
        task.feed(cancel(0, 1));
        task.coordinatorAborts(1);
        task.feed(cancel(1, 1));

        assertThat(task.aborted()).containsExactly(1L);
    }

    @Test
    void latestCheckpointIdIsTheHighestIdSeenOnAnyChannel() {
        ScriptedTask task = newTask(2);
        assertThat(task.handler().latestCheckpointId()).isEqualTo(-1);

        task.feed(barrier(0, 4));
        assertThat(task.handler().latestCheckpointId()).isEqualTo(4);
        task.feed(cancel(1, 6));
        assertThat(task.handler().latestCheckpointId()).isEqualTo(6);
        task.coordinatorAborts(9);
        assertThat(task.handler().latestCheckpointId()).isEqualTo(6);
    }

    @Test
    void anEndedChannelMustNotDeliverAgain() {
        BarrierHandler handler = newTask(2).handler();
        handler.processEndOfPartition(1);

        assertThatThrownBy(() -> handler.processBarrier(1, 1, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handler.processCancellationMarker(1, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handler.processEndOfPartition(1)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, Integer.MAX_VALUE})
    void rejectsAChannelIndexOutOfRange(int channel) {
        BarrierHandler handler = newTask(3).handler();
        Stream<Consumer<BarrierHandler>> calls = Stream.of(
                h -> h.processBarrier(channel, 1, 0),
                h -> h.processCancellationMarker(channel, 1),
                h -> h.processEndOfPartition(channel),
                h -> h.isBlocked(channel));

        calls.forEach(call -> assertThatThrownBy(() -> call.accept(handler))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel " + channel));
        assertThat(handler.latestCheckpointId()).isEqualTo(-1);
    }

    @Test
    void reportsItsNumberOfInputChannels() {
        assertThat(newTask(4).handler().numberOfInputChannels()).isEqualTo(4);
    }
}
