package io.snapsim.core.barrier;

import java.util.BitSet;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which input channels of one task are blocked and which have ended. A blocked channel is always
 * open. Confined to the owning task; not thread-safe.
 */
final class InputChannels {

    private final int count;
    private final BitSet ended = new BitSet();
    private final BitSet blocked = new BitSet();

    InputChannels(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a task needs at least one input channel, got " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    void checkIndex(int channel) {
        if (channel < 0 || channel >= count) {
            throw new IllegalArgumentException(
                    "channel " + channel + " out of range [0, " + count + ")");
        }
    }

    /** Rejects a channel that is out of range, has ended, or (when blocking applies) is blocked. */
    void checkCanDeliver(int channel) {
        checkIndex(channel);
        if (ended.get(channel)) {
            throw new IllegalStateException("channel " + channel + " has already ended");
        }
        if (blocked.get(channel)) {
            throw new IllegalStateException(
                    "channel " + channel + " is blocked; its input must stay queued until it is unblocked");
        }
    }

    boolean isBlocked(int channel) {
        checkIndex(channel);
        return blocked.get(channel);
    }

    void block(int channel) {
        blocked.set(channel);
    }

    void unblockAll() {
        blocked.clear();
    }

    void end(int channel) {
        ended.set(channel);
    }

    int openCount() {
        return count - ended.cardinality();
    }

    boolean allOpenBlocked() {
        return blocked.cardinality() == openCount();
    }

    /** Whether every open channel is in {@code delivered}. */
    boolean allOpenIn(BitSet delivered) {
        BitSet missing = new BitSet(count);
        missing.set(0, count);
        missing.andNot(ended);
        missing.andNot(delivered);
        return missing.isEmpty();
    }

    SortedSet<Integer> blockedCopy() {
        SortedSet<Integer> copy = new TreeSet<>();
        blocked.stream().forEach(copy::add);
        return copy;
    }
}
