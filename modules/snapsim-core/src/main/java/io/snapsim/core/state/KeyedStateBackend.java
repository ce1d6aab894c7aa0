package io.snapsim.core.state;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import java.util.List;
import java.util.SortedMap;

/**
 * The keyed state of one subtask of one operator: every registered state, for every key whose key
 * group lies in this backend's {@link #keyGroupRange() range}.
 *
 * <p>State objects are scoped to the current key: the owning task calls {@link #setCurrentKey}
 * before processing each record, and every {@link ValueState}, {@link ListState} and
 * {@link MapState} handed out by this backend then reads and writes that key's entry. A backend
 * never holds a key outside its range, and never holds an empty list or map for a key (clearing
 * the last element removes the key).
 *
 * <p>Snapshots use one canonical, key-group-partitioned format for every backend, so a snapshot
 * of one backend can be restored into another, and the snapshots of all old subtasks can be
 * restored at a new parallelism (each new backend keeps the key groups of its range).
 *
 * <p>Confined to the owning task: not thread-safe, and the state objects it hands out share its
 * current key. Only {@link #snapshot()}'s result may leave the task's thread.
 */
public interface KeyedStateBackend {
    /**
     * Makes {@code key} the current key of every state of this backend.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException naming the key, its key group and this backend's range, if the
     *     key's key group is not in the range (the record was routed to the wrong subtask)
     */
    void setCurrentKey(Object key);

    /** The current key, or null before the first {@link #setCurrentKey} and after a restore. */
    Object currentKey();

    /**
     * The value state named by {@code descriptor}, created on first use. Asking again with an equal
     * descriptor returns the same object.
     *
     * @throws IllegalArgumentException if the name is taken by a state of another kind or by a
     *     different descriptor
     */
    <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor);

    /** The list state named by {@code descriptor}; see {@link #getValueState}. */
    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    /** The map state named by {@code descriptor}; see {@link #getValueState}. */
    <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

    /** The key groups this backend holds. */
    KeyGroupRange keyGroupRange();

    /** The number of key groups keys are hashed into; fixed for the life of a job. */
    int maxParallelism();

    /**
     * A deep, independent copy of all state, in the canonical key-group-partitioned format.
     * Later changes to the state do not affect it, and equal state gives equal bytes.
     *
     * @throws IllegalArgumentException naming the state and key if a key or value cannot be encoded
     */
    byte[] snapshot();

    /**
     * Replaces all state with the entries of {@code snapshots} whose key group lies in this
     * backend's range. Pass the snapshots of every old subtask whose range overlaps this one. State
     * objects handed out before stay valid; states found only in the snapshots are registered.
     * The backend is unchanged when this throws.
     *
     * @throws IllegalArgumentException {@code "corrupt keyed state snapshot: ..."} for bad bytes;
     *     also for snapshots of another max parallelism, snapshots that hold the same key twice, and
     *     states whose kind differs from the registered one
     */
    void restore(List<byte[]> snapshots);

    /**
     * A copy of all state for comparing runs: state name, then {@code String.valueOf(key)}, to the
     * value, a copy of the list, or a copy of the map (sorted when its keys are comparable). States
     * without entries are left out.
     *
     * @throws IllegalStateException if two keys of one state have the same string form
     */
    SortedMap<String, SortedMap<String, Object>> contents();

    /** The number of (state, key) entries held. */
    long numberOfEntries();
}
