package io.snapsim.core.api.state;

import java.util.Map;

/** Keyed state holding a map per key, scoped to the current key. */
public interface MapState<K, V> {
    V get(K key);

    void put(K key, V value);

    void remove(K key);

    boolean contains(K key);

    /** A copy of the whole map for the current key (empty when none), sorted when keys are comparable. */
    Map<K, V> entries();

    boolean isEmpty();

    void clear();
}
