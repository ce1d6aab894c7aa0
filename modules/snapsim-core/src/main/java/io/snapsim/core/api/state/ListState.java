package io.snapsim.core.api.state;

import java.util.List;

/** Keyed state holding a list per key, scoped to the current key. */
public interface ListState<T> {
    /** The list for the current key (a copy; empty when none). */
    List<T> get();

    void add(T value);

    void addAll(List<T> values);

    /** Replaces the whole list for the current key. */
    void update(List<T> values);

    void clear();
}
