package io.snapsim.core.state;

import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;

/** A value state of the heap backend: the value itself under each key. Confined to the owning task. */
final class HeapValueState<T> extends HeapState implements ValueState<T> {
    private T defaultValue;

    HeapValueState(String name, StateDescriptor descriptor, HeapCurrentKey current, int keyGroupCount) {
        super(name, StateKind.VALUE, current, keyGroupCount);
        attach(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    void attach(StateDescriptor descriptor) {
        super.attach(descriptor);
        defaultValue = descriptor == null ? null : ((ValueStateDescriptor<T>) descriptor).defaultValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T value() {
        Object value = table().get(current.key);
        if (value != null) {
            return (T) value;
        }
        return defaultValue;
    }

    @Override
    public void update(T value) {
        if (value == null) {
            table().remove(current.key);
        } else {
            table().put(current.key, value);
        }
    }

    @Override
    public void clear() {
        table().remove(current.key);
    }

    @Override
    Object copyForContents(Object stored) {
        return stored;
    }
}
