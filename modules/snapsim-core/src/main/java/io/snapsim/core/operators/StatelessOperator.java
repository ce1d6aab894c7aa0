package io.snapsim.core.operators;

import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.FilterFunction;
import io.snapsim.core.api.functions.FlatMapFunction;
import io.snapsim.core.api.functions.MapFunction;

/** {@code map}, {@code flatMap} and {@code filter}: one input, no state. Confined to the owning task. */
public final class StatelessOperator implements StreamOperator {
    private enum Kind { MAP, FLAT_MAP, FILTER }

    private final Kind kind;
    private final Object function;
    private Output output;
    private Collector<Object> collector;

    private StatelessOperator(Kind kind, Object function) {
        this.kind = kind;
        this.function = function;
    }

    public static StatelessOperator map(MapFunction<?, ?> fn) {
        return new StatelessOperator(Kind.MAP, fn);
    }

    public static StatelessOperator flatMap(FlatMapFunction<?, ?> fn) {
        return new StatelessOperator(Kind.FLAT_MAP, fn);
    }

    public static StatelessOperator filter(FilterFunction<?> fn) {
        return new StatelessOperator(Kind.FILTER, fn);
    }

    @Override
    public void setup(OperatorContext context) {
        this.output = context.output();
        this.collector = output::emit;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void processElement(int input, Object record) throws Exception {
        switch (kind) {
            case MAP -> output.emit(((MapFunction) function).map(record));
            case FLAT_MAP -> ((FlatMapFunction) function).flatMap(record, collector);
            case FILTER -> {
                if (((FilterFunction) function).filter(record)) {
                    output.emit(record);
                }
            }
        }
    }
}
