package io.snapsim.core.operators;

import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedProcessFunction;

/** Runs a {@link KeyedProcessFunction}: the task sets the record's key before each call. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class KeyedProcessOperator implements StreamOperator {
    private final KeyedProcessFunction function;
    private final KeySelector keySelector;
    private KeyedRuntimeContext runtimeContext;
    private Collector<Object> collector;

    public KeyedProcessOperator(KeyedProcessFunction<?, ?, ?> function, KeySelector<?, ?> keySelector) {
        this.function = function;
        this.keySelector = keySelector;
    }

    @Override
    public void setup(OperatorContext context) {
        this.runtimeContext = new KeyedRuntimeContext(context);
        Output output = context.output();
        this.collector = output::emit;
    }

    @Override
    public void open() throws Exception {
        function.open(runtimeContext);
    }

    @Override
    public void processElement(int input, Object record) throws Exception {
        function.processElement(record, runtimeContext, collector);
    }

    @Override
    public boolean isKeyed() {
        return true;
    }

    @Override
    public Object keyOf(int input, Object record) throws Exception {
        return keySelector.getKey(record);
    }
}
