package io.snapsim.core.operators;

import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ListState;
import io.snapsim.core.api.state.ListStateDescriptor;
import io.snapsim.core.api.state.MapState;
import io.snapsim.core.api.state.MapStateDescriptor;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;

/** The runtime context and key context of keyed functions, backed by the task's keyed state backend. */
final class KeyedRuntimeContext implements RuntimeContext, KeyedProcessFunction.Context<Object> {
    private final OperatorContext context;

    KeyedRuntimeContext(OperatorContext context) {
        this.context = context;
    }

    @Override
    public int getIndexOfThisSubtask() {
        return context.subtaskIndex();
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return context.parallelism();
    }

    @Override
    public int getMaxNumberOfParallelSubtasks() {
        return context.maxParallelism();
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return context.keyedBackend().getValueState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return context.keyedBackend().getListState(descriptor);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return context.keyedBackend().getMapState(descriptor);
    }

    @Override
    public Object getCurrentKey() {
        return context.keyedBackend().currentKey();
    }
}
