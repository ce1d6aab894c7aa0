package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

    @Nested
    class Parsing {

        @ParameterizedTest(name = "''{0}'' is {1} bytes")
        @CsvSource(delimiter = '|', value = {
                "20 kb     | 20480",
                "20kb      | 20480",
                "1 mb      | 1048576",
                "100b      | 100",
                "100 bytes | 100",
                "100       | 100",
                "0         | 0",
                "2 k       | 2048",
                "3 KB      | 3072",
                "1 m       | 1048576",
                "1 gb      | 1073741824",
                "1 tb      | 1099511627776",
                "4 kibibytes | 4096",
                "'  7 b '  | 7",
        })
        void readsFlinkSyntaxInMultiplesOf1024(String text, long bytes) {
            assertThat(MemorySize.parse(text).bytes()).isEqualTo(bytes);
        }

        @Test
        void refusesNegativeSizes() {
            assertThatThrownBy(() -> MemorySize.parse("-20 kb")).hasMessage("must not be negative");
            assertThatThrownBy(() -> MemorySize.ofBytes(-1)).hasMessage("must not be negative");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "", "1.5 kb", "kb"})
        void refusesTextThatIsNotASize(String text) {
            assertThatThrownBy(() -> MemorySize.parse(text)).hasMessageStartingWith("expected a memory size");
        }

        @Test
        void namesAnUnknownUnit() {
            assertThatThrownBy(() -> MemorySize.parse("3 pb"))
                    .hasMessage("unknown memory unit 'pb' (use b, kb, mb, gb or tb)");
        }

        @Test
        void refusesSizesThatOverflow() {
            assertThatThrownBy(() -> MemorySize.parse("9999999999 tb")).hasMessage("number too large");
        }
    }

    @Nested
    class Formatting {

        @Test
        void writesTheLargestExactUnit() {
            assertThat(MemorySize.ofKibiBytes(20)).hasToString("20 kb");
            assertThat(MemorySize.ofMebiBytes(1)).hasToString("1 mb");
            assertThat(MemorySize.ofBytes(1025)).hasToString("1025 b");
            assertThat(MemorySize.ofBytes(0)).hasToString("0 b");
        }

    }
}
