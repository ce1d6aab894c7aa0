package io.snapsim.rocksdb;

import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.state.StateKind;
import org.rocksdb.ColumnFamilyHandle;

/** A value state: under the current key, the codec bytes of the value. Confined to the owning task. */
final class RocksValueState<T> extends RocksState implements ValueState<T> {
    private T defaultValue;

    RocksValueState(String name, StateDescriptor descriptor, RocksStore store) {
        super(name, StateKind.VALUE, store);
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
        access.requireCurrentKey(name);
        ColumnFamilyHandle column = readableHandle();
        if (column == null) {
            return defaultValue;
        }
        int length = access.read(column, access.keyBytes());
        return length < 0 ? defaultValue : (T) access.decode(access.readBuffer(), 0, length, name);
    }

    @Override
    public void update(T value) {
        access.requireCurrentKey(name);
        if (value == null) {
            clear();
            return;
        }
        ByteWriter encoded = access.encodeValue(name, value);
        access.put(writableHandle(), access.keyBytes(), encoded);
    }

    @Override
    public void clear() {
        access.requireCurrentKey(name);
        deleteCurrentKeyEntry();
    }

    @Override
    Object copyForContents(Object decoded) {
        return decoded;
    }
}
