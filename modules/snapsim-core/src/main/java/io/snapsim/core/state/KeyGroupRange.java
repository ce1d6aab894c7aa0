package io.snapsim.core.state;

/** A contiguous, inclusive range of key groups [start, end]; {@link #EMPTY} holds none. */
public record KeyGroupRange(int start, int end) {
    public static final KeyGroupRange EMPTY = new KeyGroupRange(0, -1);

    public KeyGroupRange {
        if (start < 0 || end < start - 1) {
            throw new IllegalArgumentException("bad key group range [" + start + ", " + end + "]");
        }
    }

    public int size() {
        return end - start + 1;
    }

    public boolean contains(int keyGroup) {
        return keyGroup >= start && keyGroup <= end;
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
