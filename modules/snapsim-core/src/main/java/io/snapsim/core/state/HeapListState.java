package io.snapsim.core.state;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.StateDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A list state of the heap backend: a list of its own under each key, never empty. Confined to the owning task. */
final class HeapListState<T> extends HeapState implements ListState<T> {
    HeapListState(String name, StateDescriptor descriptor, HeapCurrentKey current, int keyGroupCount) {
        super(name, StateKind.LIST, current, keyGroupCount);
        attach(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> get() {
        List<T> list = (List<T>) table().get(current.key);
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void add(T value) {
        requireElement(value);
        Map<Object, Object> table = table();
        List<T> list = (List<T>) table.get(current.key);
        if (list == null) {
            list = new ArrayList<>();
            table.put(current.key, list);
        }
        list.add(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addAll(List<T> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            return;
        }
        values.forEach(this::requireElement);
        Map<Object, Object> table = table();
        List<T> list = (List<T>) table.get(current.key);
        if (list == null) {
            table.put(current.key, new ArrayList<>(values));
        } else {
            list.addAll(values);
        }
    }

    @Override
    public void update(List<T> values) {
        if (values == null || values.isEmpty()) {
            table().remove(current.key);
            return;
        }
        values.forEach(this::requireElement);
        table().put(current.key, new ArrayList<>(values));
    }

    @Override
    public void clear() {
        table().remove(current.key);
    }

    @Override
    Object copyForContents(Object stored) {
        return Collections.unmodifiableList(new ArrayList<>((List<?>) stored));
    }

    private void requireElement(T value) {
        if (value == null) {
            throw new NullPointerException("list state '" + name + "' does not accept null elements");
        }
    }
}
