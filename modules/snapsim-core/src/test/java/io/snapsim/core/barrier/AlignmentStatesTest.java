package io.snapsim.core.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each alignment state driven alone, through a fake {@link AlignmentContext}. */
class AlignmentStatesTest {

    /** Three channels, none ended; logs what the states do. */
    static final class FakeContext implements AlignmentContext {
        final List<String> calls = new ArrayList<>();
        final BitSet blocked = new BitSet();
        final Set<Long> abortedInAdvance = new HashSet<>();
        long latest = -1;

        @Override
        public long latestCheckpointId() {
            return latest;
        }

        @Override
        public boolean isAbortedInAdvance(long checkpointId) {
            return abortedInAdvance.contains(checkpointId);
        }

        @Override
        public void rememberAbortedInAdvance(long checkpointId) {
            calls.add("remember " + checkpointId);
            abortedInAdvance.add(checkpointId);
        }

        @Override
        public void block(long checkpointId, int channel) {
            blocked.set(channel);
        }

        @Override
        public void unblockAll(long checkpointId) {
            calls.add("unblockAll");
            blocked.clear();
        }

        @Override
        public boolean allOpenChannelsBlocked() {
            return blocked.cardinality() == 3;
        }

        @Override
        public void alignmentStarted(long checkpointId) {
            calls.add("alignStart " + checkpointId);
        }

        @Override
        public void trigger(long checkpointId, long timestamp) {
            calls.add("trigger " + checkpointId);
        }

        @Override
        public void abort(long checkpointId, AbortReason reason) {
            calls.add("abort " + checkpointId + " " + reason);
        }
    }

    private final FakeContext context = new FakeContext();

    @Nested
    class WaitingForFirstBarrierState {

        @Test
        void aNewBarrierStartsCollectingWithItsChannelBlocked() {
            AlignmentState next = WaitingForFirstBarrier.INSTANCE.barrierReceived(context, 2, 5, 0);

            assertThat(next).isInstanceOf(CollectingBarriers.class);
            assertThat(((CollectingBarriers) next).checkpointId()).isEqualTo(5);
            assertThat(context.blocked.stream()).containsExactly(2);
            assertThat(context.calls).containsExactly("alignStart 5");
        }

        @Test
        void aBarrierNoNewerThanTheLatestIdStaysWaiting() {
            context.latest = 5;

            assertThat(WaitingForFirstBarrier.INSTANCE.barrierReceived(context, 0, 5, 0))
                    .isSameAs(WaitingForFirstBarrier.INSTANCE);
            assertThat(context.calls).isEmpty();
        }

        @Test
        void aCoordinatorAbortOfAFutureIdIsRemembered() {
            WaitingForFirstBarrier.INSTANCE.abortedByCoordinator(context, 3);

            assertThat(context.calls).containsExactly("remember 3");
        }
    }

    @Nested
    class CollectingBarriersState {

        private final CollectingBarriers collecting = new CollectingBarriers(4, 0);

        @Test
        void anotherBarrierOfTheSameCheckpointKeepsCollectingUntilAllAreBlocked() {
            context.latest = 4;
            context.block(4, 0);

            assertThat(collecting.barrierReceived(context, 1, 4, 0)).isSameAs(collecting);
            assertThat(collecting.barrierReceived(context, 2, 4, 0)).isSameAs(WaitingForFirstBarrier.INSTANCE);
            assertThat(context.calls).containsExactly("trigger 4", "unblockAll");
        }

        @Test
        void aNewerBarrierAbortsAndCollectsTheNewerCheckpoint() {
            context.latest = 4;
            context.block(4, 0);

            AlignmentState next = collecting.barrierReceived(context, 1, 6, 0);

            assertThat(((CollectingBarriers) next).checkpointId()).isEqualTo(6);
            assertThat(context.calls).containsExactly(
                    "abort 4 SUBSUMED_BY_NEWER_BARRIER", "unblockAll", "alignStart 6");
            assertThat(context.blocked.stream()).containsExactly(1);
        }

        @Test
        void aCoordinatorAbortOfANewerIdIsRememberedWhileTheAlignmentGoesOn() {
            assertThat(collecting.abortedByCoordinator(context, 5)).isSameAs(collecting);
            assertThat(context.calls).containsExactly("remember 5");
        }

        @Test
        void aCoordinatorAbortOfAnOlderIdIsIgnored() {
            assertThat(collecting.abortedByCoordinator(context, 3)).isSameAs(collecting);
            assertThat(context.calls).isEmpty();
        }
    }
}
