package io.snapsim.core.barrier;

/** One scripted item on an input channel of a {@link ScriptedTask}. */
sealed interface Element permits Element.Data, Element.Barrier, Element.Cancel, Element.EndOfPartition {

    int channel();

    /** Timestamp every barrier of a checkpoint carries in these tests, as a coordinator would stamp it. */
    static long timestampOf(long checkpointId) {
        return 1_000 * checkpointId;
    }

    static Data d(int channel, int seq) {
        return new Data(channel, seq);
    }

    static Barrier barrier(int channel, long checkpointId) {
        return new Barrier(channel, checkpointId);
    }

    static Cancel cancel(int channel, long checkpointId) {
        return new Cancel(channel, checkpointId);
    }

    static EndOfPartition eop(int channel) {
        return new EndOfPartition(channel);
    }

    /** A record; {@code seq} numbers the records of one channel. */
    record Data(int channel, int seq) implements Element {
        @Override
        public String toString() {
            return "d(" + channel + "," + seq + ")";
        }
    }

    record Barrier(int channel, long checkpointId) implements Element {
        @Override
        public String toString() {
            return "barrier(" + channel + "," + checkpointId + ")";
        }
    }

    record Cancel(int channel, long checkpointId) implements Element {
        @Override
        public String toString() {
            return "cancel(" + channel + "," + checkpointId + ")";
        }
    }

    record EndOfPartition(int channel) implements Element {
        @Override
        public String toString() {
            return "eop(" + channel + ")";
        }
    }
}
