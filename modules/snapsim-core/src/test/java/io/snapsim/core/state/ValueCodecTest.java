package io.snapsim.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    record Point(int x, int y) implements Serializable {}

    static Object roundTrip(Object value) {
        return ValueCodec.fromBytes(ValueCodec.toBytes(value));
    }

    @Nested
    class SupportedTypes {
        @Test
        void roundTripsNullAndBooleans() {
            assertThat(roundTrip(null)).isNull();
            assertThat(roundTrip(true)).isEqualTo(Boolean.TRUE);
            assertThat(roundTrip(false)).isEqualTo(Boolean.FALSE);
        }

        @Test
        void roundTripsNumbersKeepingTheirBoxedType() {
            assertThat(roundTrip(Integer.MIN_VALUE)).isInstanceOf(Integer.class).isEqualTo(Integer.MIN_VALUE);
            assertThat(roundTrip(42L)).isInstanceOf(Long.class).isEqualTo(42L);
            assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
            assertThat(roundTrip(-0.0)).isEqualTo(-0.0);
            assertThat(roundTrip(Double.NaN)).isEqualTo(Double.NaN);
            assertThat(roundTrip(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(roundTrip(Math.PI)).isEqualTo(Math.PI);
        }

        @Test
        void roundTripsStringsIncludingEmptyNonAsciiAndUnpairedSurrogates() {
            for (String s : List.of("", "a", "\u0000", "héllo wörld", "日本語", "emoji \uD83D\uDE00", "lone \uD800 surrogate",
                    "\uDFFF")) {
                assertThat(roundTrip(s)).isEqualTo(s);
            }
        }

        @Test
        void roundTripsStringsLongerThanWriteUtfAllows() {
            String big = "é".repeat(100_000);
            assertThat(roundTrip(big)).isEqualTo(big);
        }

        @Test
        void roundTripsByteArraysByContent() {
            assertThat((byte[]) roundTrip(new byte[] {1, -2, 3})).containsExactly(1, -2, 3);
            assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
            byte[] large = new byte[200_000];
            Arrays.fill(large, (byte) 7);
            assertThat((byte[]) roundTrip(large)).isEqualTo(large);
        }

        @Test
        void roundTripsAnyListAsAnArrayListInOrder() {
            assertThat(roundTrip(List.of(3, 1, 2))).isInstanceOf(ArrayList.class).isEqualTo(List.of(3, 1, 2));
            assertThat(roundTrip(new LinkedList<>(List.of("b", "a")))).isEqualTo(List.of("b", "a"));
            assertThat(roundTrip(Arrays.asList(1, null, 3L))).isEqualTo(Arrays.asList(1, null, 3L));
        }

        @Test
        void keepsTheInsertionOrderOfALinkedHashMap() {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("z", 1);
            map.put("a", 2);
            map.put(7, null);
            Object back = roundTrip(map);
            assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(map);
            assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("z", "a", 7);
        }

        @Test
        void keepsATreeMapSorted() {
            Map<String, Integer> map = new TreeMap<>(Map.of("c", 3, "a", 1, "b", 2));
            assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(map)).keySet())).containsExactly("a", "b", "c");
        }

        @Test
        void roundTripsNestedListsAndMaps() {
            Map<Object, Object> inner = new LinkedHashMap<>();
            inner.put(List.of(1, 2), Map.of("k", List.of()));
            inner.put("x", List.of(List.of(List.of(5L))));
            List<Object> value = List.of(inner, List.of(), Map.of(), "tail");
            assertThat(roundTrip(value)).isEqualTo(value);
        }

        @Test
        void fallsBackToJavaSerializationForOtherSerializableValues() {
            assertThat(roundTrip(new Point(1, 2))).isEqualTo(new Point(1, 2));
            assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
            assertThat(roundTrip((short) 3)).isEqualTo((short) 3);
            assertThat(roundTrip('c')).isEqualTo('c');
            assertThat(roundTrip(1.5f)).isEqualTo(1.5f);
            assertThat(roundTrip(TimeUnit.SECONDS)).isSameAs(TimeUnit.SECONDS);
            assertThat(roundTrip(new HashSet<>(Set.of(1, 2)))).isEqualTo(Set.of(1, 2));
            assertThat(roundTrip(List.of(new Point(3, 4)))).isEqualTo(List.of(new Point(3, 4)));
        }

        @Test
        void encodesEqualValuesToEqualBytes() {
            assertThat(ValueCodec.toBytes(List.of(1, "a", Map.of("k", 2L))))
                    .isEqualTo(ValueCodec.toBytes(new ArrayList<>(List.of(1, "a", Map.of("k", 2L)))));
            assertThat(ValueCodec.toBytes(1)).isNotEqualTo(ValueCodec.toBytes(1L));
        }

        @Test
        void writesToAndReadsFromDataStreamsOneValueAfterAnother() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            ValueCodec.write(out, "first");
            ValueCodec.write(out, 2);
            var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
            assertThat(ValueCodec.read(in)).isEqualTo("first");
            assertThat(ValueCodec.read(in)).isEqualTo(2);
        }
    }

    @Nested
    class UnsupportedValues {
        @Test
        void refusesANonSerializableClassByName() {
            assertThatThrownBy(() -> ValueCodec.toBytes(new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Object");
        }

        @Test
        void refusesANonSerializableValueNestedInAList() {
            assertThatThrownBy(() -> ValueCodec.toBytes(List.of(1, Map.of("k", new Thread()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Thread");
        }

        @Test
        void refusesASerializableValueThatFailsToSerialize() {
            record Holder(Object content) implements Serializable {}
            assertThatThrownBy(() -> ValueCodec.toBytes(new Holder(new Object())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Holder");
        }

        @Test
        void refusesAListThatContainsItself() {
            List<Object> cycle = new ArrayList<>();
            cycle.add(cycle);
            assertThatThrownBy(() -> ValueCodec.toBytes(cycle))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("deeper than");
        }
    }

    @Nested
    class CorruptBytes {
        @Test
        void failsOnAnUnknownTag() {
            assertThatThrownBy(() -> ValueCodec.fromBytes(new byte[] {99}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("corrupt value bytes: unknown value tag 99");
        }

        @Test
        void failsOnEveryTruncationOfAValue() {
            byte[] bytes = ValueCodec.toBytes(List.of("abc", 1L, Map.of("k", new byte[] {1, 2}), new Point(1, 2)));
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> ValueCodec.fromBytes(prefix))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("corrupt value bytes: ");
            }
        }

        @Test
        void failsOnTrailingBytes() {
            byte[] bytes = Arrays.copyOf(ValueCodec.toBytes(5), 6);
            assertThatThrownBy(() -> ValueCodec.fromBytes(bytes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 trailing bytes");
        }

        @Test
        void failsOnANegativeLength() {
            assertThatThrownBy(() -> ValueCodec.fromBytes(new byte[] {8, -1, -1, -1, -1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative list length");
        }

        @Test
        void failsOnAHugeDeclaredLengthWithoutAllocatingIt() {
            assertThatThrownBy(() -> ValueCodec.fromBytes(new byte[] {7, 0x7F, -1, -1, -1, 1, 2}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("truncated");
        }

        @Test
        void failsOnNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() {
            byte[] bytes = new byte[5 * 100_000];
            for (int i = 0; i < 100_000; i++) {
                bytes[5 * i] = 8;
                bytes[5 * i + 4] = 1;
            }
            assertThatThrownBy(() -> ValueCodec.fromBytes(bytes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nested deeper than");
        }

        @Test
        void failsOnMalformedStringBytes() {
            assertThatThrownBy(() -> ValueCodec.fromBytes(new byte[] {6, 0, 0, 0, 1, (byte) 0xC3}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed string");
        }

        @Test
        void failsOnAMapWithTheSameKeyTwice() {
            byte[] one = ValueCodec.toBytes("k");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(9);
            bytes.writeBytes(new byte[] {0, 0, 0, 2});
            bytes.writeBytes(one);
            bytes.write(0);
            bytes.writeBytes(one);
            bytes.write(0);
            assertThatThrownBy(() -> ValueCodec.fromBytes(bytes.toByteArray()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("appears twice");
        }

        @Test
        void failsOnNull() {
            assertThatThrownBy(() -> ValueCodec.fromBytes(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
