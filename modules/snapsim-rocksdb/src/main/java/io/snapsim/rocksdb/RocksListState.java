package io.snapsim.rocksdb;

import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.StateDescriptor;
import io.snapsim.core.state.StateKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;

/**
 * A list state: under the current key, the codec bytes of the elements, concatenated (codec values
 * delimit themselves); {@code add} is a RocksDB merge that appends without reading the list.
 * Confined to the owning task.
 */
final class RocksListState<T> extends RocksState implements ListState<T> {

    RocksListState(String name, StateDescriptor descriptor, RocksStore store) {
        super(name, StateKind.LIST, store);
        attach(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> get() {
        access.requireCurrentKey(name);
        ColumnFamilyHandle column = readableHandle();
        if (column == null) {
            return new ArrayList<>();
        }
        int length = access.read(column, access.keyBytes());
        return length < 0 ? new ArrayList<>() : (List<T>) access.decodeElements(access.readBuffer(), 0, length, name);
    }

    @Override
    public void add(T value) {
        access.requireCurrentKey(name);
        requireElement(value);
        ByteWriter encoded = access.encodeValue(name, value);
        access.merge(writableHandle(), access.keyBytes(), encoded);
    }

    @Override
    public void addAll(List<T> values) {
        access.requireCurrentKey(name);
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            return;
        }
        values.forEach(this::requireElement);
        ByteWriter encoded = access.encodeValues(name, values);
        access.merge(writableHandle(), access.keyBytes(), encoded);
    }

    @Override
    public void update(List<T> values) {
        access.requireCurrentKey(name);
        if (values == null || values.isEmpty()) {
            clear();
            return;
        }
        values.forEach(this::requireElement);
        ByteWriter encoded = access.encodeValues(name, values);
        access.put(writableHandle(), access.keyBytes(), encoded);
    }

    @Override
    public void clear() {
        access.requireCurrentKey(name);
        deleteCurrentKeyEntry();
    }

    @Override
    Object copyForContents(Object decoded) {
        return Collections.unmodifiableList((List<?>) decoded);
    }

    private void requireElement(T value) {
        if (value == null) {
            throw new NullPointerException("list state '" + name + "' does not accept null elements");
        }
    }
}
