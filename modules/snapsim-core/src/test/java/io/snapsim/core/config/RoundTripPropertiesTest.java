package io.snapsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** What snapsim writes in tables and files, it reads back as the same value. */
class RoundTripPropertiesTest {

    @Property
    void formattedMillisecondsReadBackUnchanged(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Property
    void formattedNanosecondsReadBackUnchanged(@ForAll @LongRange(min = 0) long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Property
    void formattedWholeUnitsReadBackUnchanged(@ForAll @IntRange(min = 0, max = 100_000) int amount) {
        for (Duration duration : new Duration[] {
                Duration.ofSeconds(amount), Duration.ofMinutes(amount), Duration.ofHours(amount), Duration.ofDays(amount)}) {
            assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
        }
    }

    @Property
    void formattedMemorySizesReadBackUnchanged(@ForAll @LongRange(min = 0) long bytes) {
        MemorySize size = MemorySize.ofBytes(bytes);
        assertThat(MemorySize.parse(size.toString())).isEqualTo(size);
    }

    @Property
    void formattedWholeKibibytesReadBackUnchanged(@ForAll @IntRange(min = 0, max = 1 << 30) int kibibytes) {
        MemorySize size = MemorySize.ofKibiBytes(kibibytes);
        assertThat(MemorySize.parse(size.toString())).isEqualTo(size);
    }
}
