package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Nested
    class Parsing {

        @ParameterizedTest(name = "''{0}'' is {1} ms")
        @CsvSource(delimiter = '|', value = {
                "100 ms        | 100",
                "100ms         | 100",
                "1s            | 1000",
                "1 s           | 1000",
                "10 min        | 600000",
                "2 h           | 7200000",
                "1d            | 86400000",
                "500           | 500",
                "0             | 0",
                "3 milli       | 3",
                "3 millis      | 3",
                "1 millisecond | 1",
                "2 milliseconds| 2",
                "2 sec         | 2000",
                "2 secs        | 2000",
                "1 second      | 1000",
                "3 seconds     | 3000",
                "5 mins        | 300000",
                "1 minute      | 60000",
                "2 minutes     | 120000",
                "1 m           | 60000",
                "1 hour        | 3600000",
                "3 hours       | 10800000",
                "1 day         | 86400000",
                "2 days        | 172800000",
                "'  7 s  '     | 7000",
                "5 MS          | 5",
                "1 Min         | 60000",
        })
        void readsFlinkSyntax(String text, long millis) {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
        }

        @Test
        void readsSubMillisecondUnits() {
            assertThat(Durations.parse("250 us")).isEqualTo(Duration.ofNanos(250_000));
            assertThat(Durations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5 s", "-1", "-10 min", "- 3 ms"})
        void refusesNegativeDurations(String text) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must not be negative");
        }

        @Test
        void acceptsMinusZeroAsZero() {
            assertThat(Durations.parse("-0 s")).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "", "1.5 s", "s", "5 s 3 ms", "1,000 ms"})
        void refusesTextThatIsNotADuration(String text) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("expected a duration such as '100 ms'");
        }

        @Test
        void namesAnUnknownUnit() {
            assertThatThrownBy(() -> Durations.parse("5 weeks"))
                    .hasMessage("unknown time unit 'weeks' (use ms, s, min, h or d)");
        }

        @Test
        void refusesNumbersTooLargeForADuration() {
            assertThatThrownBy(() -> Durations.parse("99999999999999999999 d")).hasMessage("number too large");
            assertThatThrownBy(() -> Durations.parse("9223372036854775807 d")).hasMessage("number too large");
        }
    }

    @Nested
    class Formatting {

        @Test
        void writesTheLargestExactUnit() {
            assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10 min");
            assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
            assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90 s");
            assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2 h");
            assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1 d");
            assertThat(Durations.format(Duration.ofNanos(1000))).isEqualTo("1 us");
            assertThat(Durations.format(Duration.ofNanos(1001))).isEqualTo("1001 ns");
        }

        @Test
        void writesZeroInMilliseconds() {
            assertThat(Durations.format(Duration.ZERO)).isEqualTo("0 ms");
        }


    }
}
