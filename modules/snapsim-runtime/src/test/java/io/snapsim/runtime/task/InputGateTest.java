package io.snapsim.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.CheckpointingMode;
import io.snapsim.core.barrier.AbortReason;
import io.snapsim.core.barrier.CheckpointController;
import io.snapsim.core.history.History;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.time.Clock;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane.Credit;
import io.snapsim.runtime.protocol.DataPlane.DataBatch;
import io.snapsim.runtime.protocol.DataPlane.Event;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.protocol.TaskLifecycle.InputSender;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The input side of a task alone, without an actor: two channels from two upstream senders (whose
 * credits land in test inboxes), an aligned barrier handler, and a consumer that logs what it gets.
 */
class InputGateTest {
    private final History.InMemory history = new History.InMemory();
    private final TestInbox<TaskCommand> upstream0 = TestInbox.create();
    private final TestInbox<TaskCommand> upstream1 = TestInbox.create();
    private final List<String> log = new ArrayList<>();
    private boolean backpressured;
    private InputGate gate;

    /** Logs records, savepoint folders and what the barrier handler asks for. */
    private final class Consumer implements InputGate.Consumer, CheckpointController {
        @Override
        public void processRecord(int input, Object record) {
            log.add(input + ":" + record);
        }

        @Override
        public boolean isBackpressured() {
            return backpressured;
        }

        @Override
        public void savepointBarrier(long checkpointId, String folder) {
            log.add("savepoint " + checkpointId + " " + folder);
        }

        @Override
        public void alignmentStarted(long checkpointId) {
        }

        @Override
        public void triggerCheckpoint(long checkpointId, long timestamp) {
            log.add("snapshot " + checkpointId);
        }

        @Override
        public void abortCheckpoint(long checkpointId, AbortReason reason) {
            log.add("abort " + checkpointId);
        }
    }

    private final Consumer consumer = new Consumer();

    @BeforeEach
    void setUp() {
        Clock clock = new Clock() {
            @Override
            public long millis() {
                return 9;
            }

            @Override
            public long nanos() {
                return 9_000_000;
            }
        };
        TaskHistory taskHistory = new TaskHistory(new RuntimeServices(clock, Runnable::run, new Random(1), history),
                "join#0", 0);
        gate = new InputGate(new int[] {0, 1}, taskHistory); // channel 0 feeds input 0, channel 1 input 1
        gate.wire(List.of(new InputSender(upstream0.getRef(), 5, "up#0"), new InputSender(upstream1.getRef(), 6, "up#1")));
    }

    private static DataBatch batch(int channel, Object... records) {
        return new DataBatch(channel, records, records.length);
    }

    private static Event barrier(int channel, long checkpointId) {
        return new Event(channel, new ChannelEvent.Barrier(checkpointId, 0, null));
    }

    private static Event endOfPartition(int channel) {
        return new Event(channel, new ChannelEvent.EndOfPartition());
    }

    @Test
    void takesNothingBeforeTheStartAndThenTakesTheChannelsInTurnReturningACreditPerBatch() throws Exception {
        gate.enqueue(batch(0, "a", "b"));
        gate.enqueue(batch(0, "c"));
        gate.enqueue(batch(1, "x"));

        gate.start(CheckpointingMode.EXACTLY_ONCE, consumer);
        InputGate.Drained drained = gate.drain(consumer);

        assertThat(drained).isEqualTo(InputGate.Drained.MORE_TO_COME);
        assertThat(log).containsExactly("0:a", "0:b", "1:x", "0:c");
        assertThat(upstream0.getAllReceived()).containsExactly(new Credit(5, 1), new Credit(5, 1));
        assertThat(upstream1.getAllReceived()).containsExactly(new Credit(6, 1));
    }

    @Test
    void countsTheRecordsHeldBehindABlockedChannelsBarrierUpToItsNextEvent() throws Exception {
        gate.start(CheckpointingMode.EXACTLY_ONCE, consumer);
        gate.enqueue(barrier(0, 1));
        gate.enqueue(batch(0, "a", "b"));
        gate.enqueue(batch(0, "c"));
        gate.enqueue(barrier(0, 2));
        gate.enqueue(batch(0, "d"));

        gate.drain(consumer);

        assertThat(log).as("channel 0 is blocked behind barrier 1").isEmpty();
        assertThat(gate.queuedRecords(0)).as("held for the next epoch, not past barrier 2").isEqualTo(3);
        assertThat(gate.queuedRecords(1)).isZero();
    }

    @Test
    void aChannelBlockedForAlignmentKeepsItsInputQueuedUntilTheLastBarrierArrives() throws Exception {
        gate.start(CheckpointingMode.EXACTLY_ONCE, consumer);
        gate.enqueue(barrier(0, 1));
        gate.enqueue(batch(0, "after"));
        gate.enqueue(batch(1, "before"));
        gate.enqueue(barrier(1, 1));

        gate.drain(consumer);

        assertThat(log).containsExactly("1:before", "snapshot 1", "0:after");
    }

    @Test
    void recordsEachBarrierWithTheRecordsItsChannelDeliveredBeforeIt() throws Exception {
        gate.start(CheckpointingMode.AT_LEAST_ONCE, consumer);
        gate.enqueue(batch(0, "a", "b", "c"));
        gate.enqueue(new Event(0, new ChannelEvent.Barrier(2, 0, "/savepoints/sp-2")));
        gate.enqueue(barrier(1, 2));

        gate.drain(consumer);

        List<HistoryEvent> barriers = history.events().stream().filter(TaskEvents.BarrierReceived.class::isInstance).toList();
        assertThat(barriers).containsExactly(new TaskEvents.BarrierReceived(9, "join#0", 0, 2, 1, 0),
                new TaskEvents.BarrierReceived(9, "join#0", 0, 2, 0, 3));
        assertThat(log).containsExactly("0:a", "0:b", "0:c", "savepoint 2 /savepoints/sp-2", "snapshot 2");
    }

    @Test
    void stopsAtOnceWhenTheLastChannelEndsLeavingWhatFollowsQueued() throws Exception {
        gate.start(CheckpointingMode.EXACTLY_ONCE, consumer);
        gate.enqueue(endOfPartition(1));
        gate.enqueue(batch(0, "a"));
        gate.enqueue(endOfPartition(0));

        assertThat(gate.drain(consumer)).isEqualTo(InputGate.Drained.ALL_INPUT_ENDED);
        assertThat(gate.allInputEnded()).isTrue();
        assertThat(log).containsExactly("0:a");
        assertThat(gate.drain(consumer)).as("nothing more once the input ended").isEqualTo(InputGate.Drained.MORE_TO_COME);
    }

    @Test
    void takesNothingWhileAnOutputWaitsForCredit() throws Exception {
        gate.start(CheckpointingMode.EXACTLY_ONCE, consumer);
        gate.enqueue(batch(0, "a"));
        backpressured = true;

        gate.drain(consumer);

        assertThat(log).isEmpty();
        assertThat(gate.describeQueues()).isEqualTo("[1,0]");
        backpressured = false;
        gate.drain(consumer);
        assertThat(log).containsExactly("0:a");
    }
}
