package io.snapsim.report.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HappensBefore;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vector clocks over small histories in the real event format: a clock ticks on its host's events
 * and merges the sender's at a receipt, also when a live run wrote the receipt before the send.
 */
class VectorClocksTest {

    /** A source and a sink wired by one channel; the barrier's receipt is written before its send, as live runs may. */
    private static final List<HistoryEvent> LIVE = List.of(
            new JobEvents.Deployed(1, "master", 0, 2, null),
            new TaskEvents.Lifecycle(1, "source#0", 0, TaskPhase.DEPLOYING, null, null, null),
            new TaskEvents.Wired(1, "source#0", 0, List.of()),
            new TaskEvents.Lifecycle(1, "sink#0", 0, TaskPhase.DEPLOYING, null, null, null),
            new TaskEvents.Wired(1, "sink#0", 0, List.of(new TaskEvents.ChannelSender("source#0", 0))),
            new CheckpointEvents.Triggered(5, "coordinator", 0, 1, "periodic", 2),
            new TaskEvents.BarrierReceived(6, "sink#0", 0, 1, 0, 100),
            new TaskEvents.BarrierSent(6, "source#0", 0, 1, 0, 100),
            new TaskEvents.Snapshot(6, "source#0", 0, 1, List.of(100L), Map.of()));

    @Test
    void pairsTheTriggerTheDeploymentsAndTheBarrierWhateverTheFileOrder() {
        assertThat(HappensBefore.of(LIVE)).containsExactlyInAnyOrder(
                new HappensBefore.Message(HappensBefore.Kind.DEPLOYMENT, 0, 1),
                new HappensBefore.Message(HappensBefore.Kind.DEPLOYMENT, 0, 3),
                new HappensBefore.Message(HappensBefore.Kind.BARRIER, 7, 6),
                new HappensBefore.Message(HappensBefore.Kind.TRIGGER, 5, 7));
    }

    @Test
    void aReceiptWrittenBeforeItsSendStillMergesTheSendersClock() {
        VectorClocks clocks = VectorClocks.of(LIVE, HappensBefore.of(LIVE), "history.jsonl");

        assertThat(clocks.hosts()).containsExactly("master", "source#0", "sink#0", "coordinator");
        // hosts: master, source#0, sink#0, coordinator
        assertThat(clocks.clock(7)).containsExactly(1, 3, 0, 1);
        assertThat(clocks.clock(6)).containsExactly(1, 3, 3, 1);
        int[] order = clocks.order();
        assertThat(indexOf(order, 7)).isLessThan(indexOf(order, 6));
        assertThat(order).as("the history's order wherever messages allow").startsWith(0, 1, 2, 3, 4, 5, 7, 6, 8);
    }

    @Test
    void aMessageTheWrongWayRoundIsACycleNotAClock() {
        List<HistoryEvent> oneHost = List.of(LIVE.get(1), LIVE.get(2));
        List<HappensBefore.Message> backwards = List.of(new HappensBefore.Message(HappensBefore.Kind.BARRIER, 1, 0));

        assertThatThrownBy(() -> VectorClocks.of(oneHost, backwards, "history.jsonl"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("form a cycle");
    }

    @Test
    void refusesAHistoryTooLargeForClocksInOneLine() {
        assertThatThrownBy(() -> VectorClocks.of(LIVE, List.of(), "h.jsonl", 35))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("h.jsonl: 9 events over 4 actors are too many for vector clocks (at most 35");
        assertThat(VectorClocks.of(LIVE, List.of(), "h.jsonl", 36).hosts()).hasSize(4);
    }

    private static int indexOf(int[] order, int event) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == event) {
                return i;
            }
        }
        return -1;
    }
}
