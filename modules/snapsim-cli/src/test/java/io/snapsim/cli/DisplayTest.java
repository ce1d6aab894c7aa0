package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void printsTheVirtualTimeOfADeterministicRunAsMillisecondsOfTheRun() {
        assertThat(Display.time(39)).isEqualTo("t=39 ms");
        assertThat(Display.timeAndMillis(39)).isEqualTo("t=39 ms (virtual time of a deterministic run)");
    }

    @Test
    void printsTheWallClockTimeOfALiveRunAsAnInstant() {
        assertThat(Display.time(1_714_557_600_123L)).isEqualTo("2024-05-01T10:00:00.123Z");
        assertThat(Display.timeAndMillis(1_714_557_600_123L)).isEqualTo("2024-05-01T10:00:00.123Z (1714557600123 ms)");
    }
}
