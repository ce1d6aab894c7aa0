package io.snapsim.core.barrier;

import static io.snapsim.core.barrier.Element.barrier;
import static io.snapsim.core.barrier.Element.cancel;
import static io.snapsim.core.barrier.Element.d;
import static io.snapsim.core.barrier.Element.eop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** EXACTLY_ONCE barrier alignment, driven through a {@link ScriptedTask}. */
class AlignedBarrierHandlerTest {

    @Nested
    class CommonScenarios extends BarrierHandlerScenarios {
        @Override
        ScriptedTask newTask(int channels) {
            return ScriptedTask.aligned(channels);
        }
    }

    @Nested
    class Alignment {

        @Test
        void blocksTheFirstChannelAndReleasesItsQueuedRecordsAfterTheTrigger() {
            ScriptedTask task = ScriptedTask.aligned(2);

            task.feed(d(0, 1), barrier(0, 1));
            assertThat(task.newOutput()).containsExactly("d(0,1)", "alignStart 1");
            assertThat(task.blocked()).containsExactly(0);

            task.feed(d(0, 2), d(0, 3));
            assertThat(task.newOutput()).isEmpty();
            assertThat(task.blocked()).containsExactly(0);

            task.feed(d(1, 1), barrier(1, 1));
            assertThat(task.newOutput()).containsExactly("d(1,1)", "trigger 1", "d(0,2)", "d(0,3)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.triggered()).containsExactly(1L);
            assertThat(task.aborted()).isEmpty();
            assertThat(task.triggerTimestamp(1)).isEqualTo(Element.timestampOf(1));
        }

        @Test
        void alignsThreeChannelsAndReleasesTheQueuesInChannelOrder() {
            ScriptedTask task = ScriptedTask.aligned(3);

            task.feed(barrier(1, 1), d(1, 1), d(0, 1));
            assertThat(task.newOutput()).containsExactly("alignStart 1", "d(0,1)");
            assertThat(task.blocked()).containsExactly(1);

            task.feed(barrier(0, 1), d(0, 2), d(2, 1));
            assertThat(task.newOutput()).containsExactly("d(2,1)");
            assertThat(task.blocked()).containsExactly(0, 1);

            task.feed(d(1, 2), barrier(2, 1));
            assertThat(task.newOutput()).containsExactly("trigger 1", "d(0,2)", "d(1,1)", "d(1,2)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.processedAtTrigger(1)).containsExactly(
                    List.of(1), List.of(), List.of(1));
        }

        @Test
        void aQueuedBarrierOfTheNextCheckpointStartsItsAlignmentWhenReleased() {
            ScriptedTask task = ScriptedTask.aligned(2);

            task.feed(barrier(0, 1), d(0, 1), barrier(0, 2), d(0, 2));
            assertThat(task.blocked()).containsExactly(0);

            task.feed(barrier(1, 1));
            assertThat(task.newOutput()).containsExactly(
                    "alignStart 1", "trigger 1", "d(0,1)", "alignStart 2");
            assertThat(task.blocked()).containsExactly(0);

            task.feed(d(1, 1), barrier(1, 2));
            assertThat(task.newOutput()).containsExactly("d(1,1)", "trigger 2", "d(0,2)");
            assertThat(task.triggered()).containsExactly(1L, 2L);
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void aSingleChannelTriggersAtOnceAndNeverBlocks() {
            ScriptedTask task = ScriptedTask.aligned(1);

            task.feed(d(0, 1), barrier(0, 1));
            assertThat(task.blocked()).isEmpty();
            task.feed(d(0, 2), barrier(0, 2), d(0, 3));

            assertThat(task.output()).containsExactly(
                    "d(0,1)", "alignStart 1", "trigger 1", "d(0,2)", "alignStart 2", "trigger 2", "d(0,3)");
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void triggersWithTheTimestampOfTheFirstBarrier() {
            List<Long> timestamps = new ArrayList<>();
            BarrierHandler handler = BarrierHandlers.aligned(2, new RecordingController() {
                @Override
                public void triggerCheckpoint(long checkpointId, long timestamp) {
                    timestamps.add(timestamp);
                }
            });

            handler.processBarrier(1, 7, 70);
            handler.processBarrier(0, 7, 71);

            assertThat(timestamps).containsExactly(70L);
        }
    }

    @Nested
    class Subsumption {

        @Test
        void aNewerBarrierAbortsTheAlignmentAndStartsItsOwn() {
            ScriptedTask task = ScriptedTask.aligned(3);

            task.feed(barrier(0, 1), d(0, 1), barrier(1, 1), d(1, 1));
            assertThat(task.blocked()).containsExactly(0, 1);
            task.newOutput();

            task.feed(barrier(2, 2));
            assertThat(task.newOutput()).containsExactly(
                    "abort 1 SUBSUMED_BY_NEWER_BARRIER", "alignStart 2", "d(0,1)", "d(1,1)");
            assertThat(task.blocked()).containsExactly(2);

            task.feed(barrier(0, 2), barrier(1, 2));
            assertThat(task.newOutput()).containsExactly("trigger 2");
            assertThat(task.triggered()).containsExactly(2L);
            assertThat(task.aborted()).containsExactly(1L);
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void lateBarriersOfTheSubsumedCheckpointAreIgnored() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.feed(barrier(0, 1), barrier(1, 2));
            assertThat(task.output()).containsExactly(
                    "alignStart 1", "abort 1 SUBSUMED_BY_NEWER_BARRIER", "alignStart 2");
            task.newOutput();

            task.feed(barrier(2, 1), d(2, 1));
            assertThat(task.newOutput()).containsExactly("d(2,1)");
            assertThat(task.blocked()).containsExactly(1);
        }

        @Test
        void aBarrierOlderThanTheAlignedCheckpointIsIgnored() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.feed(barrier(0, 5), barrier(1, 3), d(1, 1));

            assertThat(task.output()).containsExactly("alignStart 5", "d(1,1)");
            assertThat(task.blocked()).containsExactly(0);
            assertThat(task.handler().latestCheckpointId()).isEqualTo(5);
        }

        @Test
        void anEndQueuedOnTheSubsumedChannelCompletesTheNewAlignmentWhenReleased() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1), d(0, 1), eop(0));
            assertThat(task.blocked()).containsExactly(0);

            task.feed(barrier(1, 2));

            assertThat(task.output()).containsExactly(
                    "alignStart 1", "abort 1 SUBSUMED_BY_NEWER_BARRIER", "alignStart 2", "d(0,1)", "trigger 2");
            assertThat(task.blocked()).isEmpty();
        }
    }

    @Nested
    class CancellationMarkers {

        @Test
        void aMarkerDuringAlignmentAbortsItAndReleasesTheChannels() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.feed(barrier(0, 1), d(0, 1), barrier(1, 1), d(1, 1));
            task.newOutput();

            task.feed(cancel(2, 1));
            assertThat(task.newOutput()).containsExactly("abort 1 CANCELLATION_MARKER", "d(0,1)", "d(1,1)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.aborted()).containsExactly(1L);
        }

        @Test
        void aMarkerBeforeAnyBarrierAbortsOnceAndLateBarriersAndMarkersAreIgnored() {
            ScriptedTask task = ScriptedTask.aligned(2);

            task.feed(cancel(0, 1));
            assertThat(task.newOutput()).containsExactly("abort 1 CANCELLATION_MARKER");
            assertThat(task.handler().latestCheckpointId()).isEqualTo(1);

            task.feed(barrier(1, 1), d(1, 1), cancel(1, 1), d(0, 1));
            assertThat(task.newOutput()).containsExactly("d(1,1)", "d(0,1)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.aborted()).containsExactly(1L);
            assertThat(task.triggered()).isEmpty();

            task.feed(barrier(0, 2), barrier(1, 2));
            assertThat(task.newOutput()).containsExactly("alignStart 2", "trigger 2");
        }

        @Test
        void aNewerMarkerDuringAlignmentSubsumesItAndCancelsTheNewerOne() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1), d(0, 1), cancel(1, 2));

            assertThat(task.output()).containsExactly("alignStart 1",
                    "abort 1 SUBSUMED_BY_NEWER_BARRIER", "abort 2 CANCELLATION_MARKER", "d(0,1)");
            assertThat(task.blocked()).isEmpty();
            assertThat(task.aborted()).containsExactly(1L, 2L);
            assertThat(task.handler().latestCheckpointId()).isEqualTo(2);
        }

        @Test
        void anOlderMarkerDuringAlignmentIsIgnored() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 3), cancel(1, 2), barrier(1, 3));

            assertThat(task.output()).containsExactly("alignStart 3", "trigger 3");
            assertThat(task.aborted()).isEmpty();
        }

        @Test
        void aMarkerAfterTheTriggerIsIgnored() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1), barrier(1, 1), cancel(0, 1));

            assertThat(task.output()).containsExactly("alignStart 1", "trigger 1");
            assertThat(task.aborted()).isEmpty();
        }
    }

    @Nested
    class EndOfPartition {

        @Test
        void endOfTheLastMissingChannelCompletesTheAlignment() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.feed(barrier(0, 1), d(0, 1), barrier(1, 1), d(1, 1), d(2, 1));
            assertThat(task.blocked()).containsExactly(0, 1);
            task.newOutput();

            task.feed(eop(2));
            assertThat(task.newOutput()).containsExactly("trigger 1", "d(0,1)", "d(1,1)");
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void aChannelEndedBeforeTheBarrierCountsAsAlignedForEveryLaterCheckpoint() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.feed(d(2, 1), eop(2));

            task.feed(barrier(0, 1), d(0, 1), barrier(1, 1));
            assertThat(task.output()).containsExactly("d(2,1)", "alignStart 1", "trigger 1", "d(0,1)");

            task.feed(barrier(1, 2));
            assertThat(task.blocked()).containsExactly(1);
            task.feed(barrier(0, 2));
            assertThat(task.triggered()).containsExactly(1L, 2L);
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void withOneChannelLeftABarrierTriggersAtOnce() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(eop(0), barrier(1, 1), d(1, 1));

            assertThat(task.output()).containsExactly("alignStart 1", "trigger 1", "d(1,1)");
            assertThat(task.blocked()).isEmpty();
        }

        @Test
        void anEndQueuedBehindABarrierIsDeliveredAfterTheTrigger() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1), d(0, 1), eop(0), barrier(1, 1), barrier(1, 2));

            assertThat(task.output()).containsExactly(
                    "alignStart 1", "trigger 1", "d(0,1)", "alignStart 2", "trigger 2");
        }
    }

    @Nested
    class CoordinatorAborts {

        @Test
        void anAbortOfTheAlignedCheckpointReleasesTheChannels() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1), d(0, 1));
            task.newOutput();

            task.coordinatorAborts(1);
            assertThat(task.newOutput()).containsExactly("abort 1 ABORTED_BY_COORDINATOR", "d(0,1)");
            assertThat(task.blocked()).isEmpty();

            task.feed(barrier(1, 1), d(1, 1));
            assertThat(task.newOutput()).containsExactly("d(1,1)");
            assertThat(task.aborted()).containsExactly(1L);
        }

        @Test
        void anAbortOfANewerCheckpointLeavesTheAlignedOneGoingAndIgnoresTheNewerBarriers() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1));
            task.coordinatorAborts(2);
            assertThat(task.output()).containsExactly("alignStart 1");
            assertThat(task.blocked()).containsExactly(0);

            task.feed(barrier(1, 1), barrier(0, 2), barrier(1, 2), d(0, 1));
            assertThat(task.blocked()).isEmpty();
            assertThat(task.triggered()).containsExactly(1L);
            assertThat(task.aborted()).isEmpty();
            assertThat(task.handler().latestCheckpointId()).isEqualTo(2);
        }

        @Test
        void anAbortOfAnOlderCheckpointLeavesTheAlignmentAlone() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 3));
            task.coordinatorAborts(2);
            task.feed(barrier(1, 3));

            assertThat(task.output()).containsExactly("alignStart 3", "trigger 3");
        }

        @Test
        void anAbortInAdvanceMakesANewerBarrierSkipTheAbortedId() {
            ScriptedTask task = ScriptedTask.aligned(2);
            task.feed(barrier(0, 1));
            task.coordinatorAborts(3);
            assertThat(task.aborted()).isEmpty();

            task.feed(barrier(1, 2), barrier(0, 2));
            assertThat(task.aborted()).containsExactly(1L);
            assertThat(task.triggered()).containsExactly(2L);

            task.feed(barrier(0, 3));
            assertThat(task.blocked()).isEmpty();

            task.feed(barrier(1, 3), barrier(1, 4), barrier(0, 4));
            assertThat(task.triggered()).containsExactly(2L, 4L);
            assertThat(task.aborted()).containsExactly(1L);
        }

        @Test
        void aNewerBarrierWhoseCheckpointWasAbortedInAdvanceSubsumesTheAlignmentWithoutStartingAnother() {
            ScriptedTask task = ScriptedTask.aligned(3);
            task.coordinatorAborts(2);
            task.feed(barrier(0, 1), d(0, 1), barrier(1, 2));

            assertThat(task.output()).containsExactly(
                    "alignStart 1", "abort 1 SUBSUMED_BY_NEWER_BARRIER", "d(0,1)");
            assertThat(task.blocked()).isEmpty();
        }
    }

    /** The controller hears of every channel the handler blocks and releases, for the history. */
    @Nested
    class BlockingCallbacks {

        /** Logs the blocking callbacks next to the trigger and abort calls. */
        private final class BlockingLog extends RecordingController {
            @Override
            public void channelBlocked(long checkpointId, int channel) {
                calls.add("block " + checkpointId + " ch" + channel);
            }

            @Override
            public void channelUnblocked(long checkpointId, int channel) {
                calls.add("unblock " + checkpointId + " ch" + channel);
            }
        }

        @Test
        void reportsEachBlockedChannelThenReleasesThemInChannelOrderAfterTheTrigger() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.aligned(3, log);

            handler.processBarrier(2, 1, 10);
            handler.processBarrier(0, 1, 10);
            handler.processBarrier(1, 1, 10);

            assertThat(log.calls).containsExactly("alignStart 1", "block 1 ch2", "block 1 ch0", "block 1 ch1",
                    "trigger 1 @10", "unblock 1 ch0", "unblock 1 ch1", "unblock 1 ch2");
        }

        @Test
        void releasesTheBlockedChannelsAfterAnAbortByACancellationMarker() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.aligned(3, log);

            handler.processBarrier(1, 4, 0);
            handler.processCancellationMarker(0, 4);

            assertThat(log.calls).containsExactly("alignStart 4", "block 4 ch1", "abort 4 CANCELLATION_MARKER",
                    "unblock 4 ch1");
        }

        @Test
        void releasesTheOldAlignmentBeforeBlockingForTheNewerBarrierThatSubsumesIt() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.aligned(2, log);

            handler.processBarrier(0, 1, 0);
            handler.processBarrier(1, 2, 0);

            assertThat(log.calls).containsExactly("alignStart 1", "block 1 ch0", "abort 1 SUBSUMED_BY_NEWER_BARRIER",
                    "unblock 1 ch0", "alignStart 2", "block 2 ch1");
        }

        @Test
        void releasesTheBlockedChannelsWhenTheCoordinatorAbortsTheCheckpoint() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.aligned(2, log);

            handler.processBarrier(1, 3, 0);
            handler.abortCheckpoint(3);

            assertThat(log.calls).containsExactly("alignStart 3", "block 3 ch1", "abort 3 ABORTED_BY_COORDINATOR",
                    "unblock 3 ch1");
        }

        @Test
        void aChannelThatAlignsAloneIsBlockedAndReleasedAroundItsTrigger() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.aligned(2, log);
            handler.processEndOfPartition(0);

            handler.processBarrier(1, 5, 0);

            assertThat(log.calls).containsExactly("alignStart 5", "block 5 ch1", "trigger 5 @0", "unblock 5 ch1");
        }

        @Test
        void theAtLeastOnceTrackerNeverBlocksSoNeverReportsABlockedChannel() {
            BlockingLog log = new BlockingLog();
            BarrierHandler handler = BarrierHandlers.atLeastOnce(2, log);

            handler.processBarrier(0, 1, 0);
            handler.processBarrier(1, 1, 0);

            assertThat(log.calls).containsExactly("alignStart 1", "trigger 1 @0");
        }
    }

    @Nested
    class ChannelContract {

        @Test
        void aBlockedChannelMustNotDeliver() {
            BarrierHandler handler = BarrierHandlers.aligned(2, new RecordingController());
            handler.processBarrier(0, 1, 0);

            assertThatThrownBy(() -> handler.processBarrier(0, 2, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("blocked");
            assertThatThrownBy(() -> handler.processCancellationMarker(0, 1))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> handler.processEndOfPartition(0))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void blockedChannelsReturnsACopy() {
            BarrierHandler handler = BarrierHandlers.aligned(3, new RecordingController());
            handler.processBarrier(1, 1, 0);

            var blocked = handler.blockedChannels();
            blocked.add(2);

            assertThat(handler.blockedChannels()).containsExactly(1);
            assertThat(handler.isBlocked(2)).isFalse();
        }
    }
}
