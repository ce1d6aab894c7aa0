package io.snapsim.core.state;

import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.StateDescriptor;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A map state of the heap backend: a hash map of its own under each key, never empty. Confined to the owning task. */
final class HeapMapState<K, V> extends HeapState implements MapState<K, V> {
    HeapMapState(String name, StateDescriptor descriptor, HeapCurrentKey current, int keyGroupCount) {
        super(name, StateKind.MAP, current, keyGroupCount);
        attach(descriptor);
    }

    @Override
    public V get(K key) {
        Map<K, V> map = map();
        return map == null ? null : map.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(K key, V value) {
        if (key == null) {
            throw new NullPointerException("map state '" + name + "' does not accept null keys");
        }
        Map<Object, Object> table = table();
        Map<K, V> map = (Map<K, V>) table.get(current.key);
        if (map == null) {
            map = new HashMap<>();
            table.put(current.key, map);
        }
        map.put(key, value);
    }

    @Override
    public void remove(K key) {
        Map<K, V> map = map();
        if (map != null) {
            map.remove(key);
            if (map.isEmpty()) {
                table().remove(current.key);
            }
        }
    }

    @Override
    public boolean contains(K key) {
        Map<K, V> map = map();
        return map != null && map.containsKey(key);
    }

    @Override
    public Map<K, V> entries() {
        Map<K, V> map = map();
        return map == null ? new LinkedHashMap<>() : sortedCopy(map);
    }

    @Override
    public boolean isEmpty() {
        return map() == null;
    }

    @Override
    public void clear() {
        table().remove(current.key);
    }

    @Override
    Object copyForContents(Object stored) {
        return Collections.unmodifiableMap(sortedCopy((Map<?, ?>) stored));
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> map() {
        return (Map<K, V>) table().get(current.key);
    }

    /** A copy sorted by key when the keys are comparable with each other, in the given order otherwise. */
    static <A, B> Map<A, B> sortedCopy(Map<A, B> map) {
        for (A key : map.keySet()) {
            if (!(key instanceof Comparable)) {
                return new LinkedHashMap<>(map);
            }
        }
        try {
            return new TreeMap<>(map);
        } catch (ClassCastException mixedKeyTypes) {
            return new LinkedHashMap<>(map);
        }
    }
}
