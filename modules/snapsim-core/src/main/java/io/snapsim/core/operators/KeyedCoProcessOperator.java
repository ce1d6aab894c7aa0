package io.snapsim.core.operators;

import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedCoProcessFunction;

/** Runs a {@link KeyedCoProcessFunction} over two keyed inputs that share keyed state. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class KeyedCoProcessOperator implements StreamOperator {
    private final KeyedCoProcessFunction function;
    private final KeySelector keySelector1;
    private final KeySelector keySelector2;
    private KeyedRuntimeContext runtimeContext;
    private Collector<Object> collector;

    public KeyedCoProcessOperator(KeyedCoProcessFunction<?, ?, ?, ?> function,
                                  KeySelector<?, ?> keySelector1, KeySelector<?, ?> keySelector2) {
        this.function = function;
        this.keySelector1 = keySelector1;
        this.keySelector2 = keySelector2;
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
        if (input == 0) {
            function.processElement1(record, runtimeContext, collector);
        } else {
            function.processElement2(record, runtimeContext, collector);
        }
    }

    @Override
    public boolean isKeyed() {
        return true;
    }

    @Override
    public Object keyOf(int input, Object record) throws Exception {
        return (input == 0 ? keySelector1 : keySelector2).getKey(record);
    }
}
