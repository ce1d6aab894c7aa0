package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class ValueCodecPropertiesTest {

    @Provide
    Arbitrary<Object> values() {
        return nested(3);
    }

    @Property(tries = 500)
    void decodingAnEncodedValueGivesAnEqualValueOfTheSameTypes(@ForAll("values") Object value) {
        Object back = ValueCodec.fromBytes(ValueCodec.toBytes(value));
        assertThat(comparable(back)).isEqualTo(comparable(value));
    }

    @Property(tries = 500)
    void reEncodingADecodedValueGivesTheSameBytes(@ForAll("values") Object value) {
        byte[] bytes = ValueCodec.toBytes(value);
        assertThat(ValueCodec.toBytes(ValueCodec.fromBytes(bytes))).isEqualTo(bytes);
    }

    private Arbitrary<Object> nested(int depth) {
        Arbitrary<Object> leaf = Arbitraries.<Object>oneOf(
                Arbitraries.of(true, false),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(20),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                .injectNull(0.05);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = nested(depth - 1);
        Arbitrary<Object> lists = inner.list().ofMaxSize(4).map(list -> list);
        Arbitrary<Object> maps = inner.list().ofMaxSize(4).flatMap(keys -> inner.list().ofSize(keys.size())
                .map(vals -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        map.put(keys.get(i), vals.get(i));
                    }
                    return map;
                }));
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, lists), Tuple.of(1, maps));
    }

    /** A form whose equals compares byte arrays by content and maps by entry order. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(element -> result.add(comparable(element)));
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> result = new ArrayList<>();
            map.forEach((k, v) -> result.add(new AbstractMap.SimpleEntry<>(comparable(k), comparable(v))));
            return List.of("map", result);
        }
        return value;
    }
}
