package io.snapsim.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.History;
import io.snapsim.core.sim.Faults.CheckpointPhase;
import io.snapsim.core.sim.Faults.NetworkKind;
import io.snapsim.core.time.Clock;
import io.snapsim.runtime.protocol.ChannelEvent;
import io.snapsim.runtime.protocol.DataPlane;
import io.snapsim.runtime.protocol.TaskCommand;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The planned faults of one task ({@code sum->sink#1}, attempt 2) fired where the task asks, with
 * the same messages and history events the task recorded before the injector was split out of it.
 */
class TaskFaultInjectorTest {
    private static final List<String> CHAIN = List.of("sum", "sink");

    private final History.InMemory history = new History.InMemory();
    private long now = 100;
    private final Clock clock = new Clock() {
        @Override
        public long millis() {
            return now;
        }

        @Override
        public long nanos() {
            return now * 1_000_000;
        }
    };
    private final RuntimeServices services = new RuntimeServices(clock, Runnable::run, new Random(1), history);

    private TaskFaultInjector injector(ArmedFault... faults) {
        return injector(List.of(), faults);
    }

    private TaskFaultInjector injector(List<ChannelFault> channels, ArmedFault... faults) {
        return new TaskFaultInjector(new TaskFaultInjector.Target("sum->sink#1", 1, 2, CHAIN), List.of(faults),
                channels, services);
    }

    private static ArmedFault crashAt(int index, String operator, long record) {
        return new ArmedFault(index, operator, 1, record, 0);
    }

    private static ArmedFault atCheckpoint(int index, ArmedFault.Kind kind, long checkpoint, CheckpointPhase phase,
                                           long delay) {
        return new ArmedFault(index, kind, "sum", 1, 0, checkpoint, phase, 0, delay);
    }

    @Nested
    class Records {
        @Test
        void crashesAtThePlannedRecordOfTheOperatorItNames() {
            TaskFaultInjector faults = injector(crashAt(4, "sink", 3));

            assertThatCode(() -> faults.recordProcessed(0, 3)).doesNotThrowAnyException();
            faults.recordProcessed(1, 2);
            assertThatThrownBy(() -> faults.recordProcessed(1, 3)).isInstanceOfSatisfying(InjectedFault.class, f -> {
                assertThat(f.faultIndex()).isEqualTo(4);
                assertThat(f).hasMessage("injected crash of sink#1 at record 3");
            });
        }

        @Test
        void ofSeveralCrashesOfOneOperatorTheEarliestIsArmed() {
            TaskFaultInjector faults = injector(crashAt(0, "sum", 50), crashAt(1, "sum", 20));

            assertThatThrownBy(() -> faults.recordProcessed(0, 20))
                    .isInstanceOfSatisfying(InjectedFault.class, f -> assertThat(f.faultIndex()).isEqualTo(1));
            assertThatCode(() -> faults.recordProcessed(0, 50)).doesNotThrowAnyException();
        }

        @Test
        void aTimedCrashIsDueAfterItsDelayFromNowAndNamesTheTaskAndTheTime() {
            TaskFaultInjector faults = injector(new ArmedFault(6, ArmedFault.Kind.CRASH, "sum", 1, 0, 0,
                    CheckpointPhase.BEFORE_SNAPSHOT, 130, 0), crashAt(7, "sum", 9));

            assertThat(faults.timedCrashes()).containsExactly(new TaskFaultInjector.TimedCrash(6, 30));
            now = 130;
            assertThat(faults.timedCrash(6)).hasMessage("injected crash of sum->sink#1 at time 130 ms");
        }
    }

    @Nested
    class Checkpoints {
        @Test
        void crashesOnlyInThePlannedPhaseOfThePlannedCheckpoint() {
            TaskFaultInjector faults = injector(atCheckpoint(2, ArmedFault.Kind.CRASH, 3, CheckpointPhase.AFTER_SNAPSHOT, 0));

            assertThatCode(() -> faults.checkpointPhase(3, CheckpointPhase.BEFORE_SNAPSHOT)).doesNotThrowAnyException();
            assertThatCode(() -> faults.checkpointPhase(2, CheckpointPhase.AFTER_SNAPSHOT)).doesNotThrowAnyException();
            assertThatThrownBy(() -> faults.checkpointPhase(3, CheckpointPhase.AFTER_SNAPSHOT))
                    .isInstanceOfSatisfying(InjectedFault.class, f -> assertThat(f.event(5, "sum->sink#1", 2))
                            .isEqualTo(new FaultInjected(5, "sum->sink#1", 2, 2, "crash", "sum->sink#1", "after-snapshot",
                                    3L, "injected crash of sum#1 after its snapshot of checkpoint 3")));
        }

        @Test
        void aFailedWriteFailsTheWriteOfItsCheckpointAndIsRecordedWhenTheTaskLearnsOfIt() {
            TaskFaultInjector faults = injector(atCheckpoint(1, ArmedFault.Kind.FAIL_WRITE, 4, null, 0));

            assertThat(faults.writeFailure(3)).isNull();
            assertThat(faults.writeFailure(4)).hasMessageContaining(
                    "injected storage failure (fault 1) writing the state of checkpoint 4");
            assertThat(history.events()).isEmpty();
            faults.writeFailed(4);
            assertThat(history.events()).containsExactly(new FaultInjected(100, "sum->sink#1", 2, 1, "storage.fail-write",
                    "sum->sink#1", null, 4L, "injected failure writing the state of sum->sink#1 for checkpoint 4"));
        }

        @Test
        void aSlowWriteDelaysTheAcknowledgementOnceOnly() {
            TaskFaultInjector faults = injector(atCheckpoint(3, ArmedFault.Kind.SLOW_WRITE, 2, null, 25));

            assertThat(faults.slowWrite(1)).isNull();
            assertThat(faults.slowWrite(2)).isEqualTo(new TaskFaultInjector.SlowWrite("slow-3", 25));
            assertThat(faults.slowWrite(2)).as("the acknowledgement delivered again").isNull();
            assertThat(history.events()).singleElement().isInstanceOfSatisfying(FaultInjected.class,
                    e -> assertThat(e.detail()).isEqualTo("slow write of the state of sum->sink#1 for checkpoint 2: +25 ms"));
        }

        @Test
        void aSinkCommitFailsForTheFirstCompletionAtOrAfterItsCheckpoint() {
            TaskFaultInjector faults = injector(atCheckpoint(5, ArmedFault.Kind.SINK_COMMIT_FAIL, 3, null, 0));

            assertThatCode(() -> faults.commitNotified(2, 1)).doesNotThrowAnyException();
            assertThatCode(() -> faults.commitNotified(4, 3)).as("checkpoint 3 was committed already")
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> faults.commitNotified(4, 2))
                    .hasMessage("injected failure of sum#1 committing checkpoint 4");
        }
    }

    @Nested
    class Channels {
        @Test
        void aNetworkFaultWrapsOnlyTheChannelsToTheOperatorItNamesAndIsRecordedWhenItTakesEffect() {
            ChannelFault delay = new ChannelFault(8, NetworkKind.DELAY, "sink", "counter", 0, 10);
            List<Long> wakeUps = new ArrayList<>();
            TaskFaultInjector faults = injector(List.of(delay));

            assertThat(faults.channelFault(List.of("other"), 0, wakeUps::add)).isNull();
            ChannelFaultInjector channel = faults.channelFault(List.of("map", "counter"), 3, wakeUps::add);
            assertThat(channel).isNotNull();
            assertThat(history.events()).isEmpty();

            channel.deliver(null, null); // held back for 10 ms: the target is not told yet

            assertThat(channel.isHolding()).isTrue();
            assertThat(wakeUps).containsExactly(10L);
            assertThat(history.events()).containsExactly(new FaultInjected(100, "sum->sink#1", 2, 8, "network.delay",
                    "sum->sink#1 output 3", null, null, "network delay in effect on the channel from sum->sink#1 (output 3)"));
        }

        @Test
        void aDropLosesTheFirstDataBatchOnlyAndIsRecordedOnce() {
            TestInbox<TaskCommand> target = TestInbox.create();
            ChannelFaultInjector channel = injector(List.of(new ChannelFault(2, NetworkKind.DROP, "sink", "counter", 0, 0)))
                    .channelFault(List.of("counter"), 0, delay -> { });
            DataPlane.Event event = new DataPlane.Event(0, new ChannelEvent.EndOfPartition());

            channel.deliver(target.getRef(), event);
            channel.deliver(target.getRef(), batch("a"));
            channel.deliver(target.getRef(), batch("b"));

            assertThat(target.getAllReceived()).map(TaskFaultInjectorTest::describe).containsExactly("event", "b");
            assertThat(history.events()).hasSize(1);
        }

        @Test
        void aReorderLetsTheMessageAfterTheFirstDataBatchOvertakeIt() {
            TestInbox<TaskCommand> target = TestInbox.create();
            ChannelFaultInjector channel = injector(List.of(new ChannelFault(3, NetworkKind.REORDER, "sum", "counter", 0,
                    0))).channelFault(List.of("counter"), 0, delay -> { });

            channel.deliver(target.getRef(), batch("a"));
            assertThat(channel.isHolding()).isTrue();
            channel.deliver(target.getRef(), batch("b"));
            channel.deliver(target.getRef(), batch("c"));

            assertThat(target.getAllReceived()).map(TaskFaultInjectorTest::describe).containsExactly("b", "a", "c");
            assertThat(channel.isHolding()).isFalse();
            assertThat(history.events()).hasSize(1);
        }
    }

    private static DataPlane.DataBatch batch(String record) {
        return new DataPlane.DataBatch(0, new Object[] {record}, 1);
    }

    private static String describe(TaskCommand message) {
        return message instanceof DataPlane.DataBatch b ? String.valueOf(b.records()[0]) : "event";
    }
}
