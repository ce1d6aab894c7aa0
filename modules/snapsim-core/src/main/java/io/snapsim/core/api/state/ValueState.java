package io.snapsim.core.api.state;

/** Keyed state holding one value per key, scoped to the key of the element being processed. */
public interface ValueState<T> {
    /** The value for the current key, or the descriptor's default (null unless set) when none. */
    T value();

    /** Sets the value for the current key; null clears it. */
    void update(T value);

    /** Removes the value for the current key. */
    void clear();
}
