package io.snapsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedsAndProgressTest {

    @Nested
    class TheSeedsOption {

        @Test
        void aRangeIncludesBothEnds() {
            assertThat(Seeds.parse("1..5")).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        void aSingleSeedIsOneRun() {
            assertThat(Seeds.parse("7")).containsExactly(7L);
        }

        @Test
        void aListKeepsItsOrderAndRunsEachSeedOnce() {
            assertThat(Seeds.parse("9,1,5")).containsExactly(9L, 1L, 5L);
            assertThat(Seeds.parse("1..3, 2, 10..11")).containsExactly(1L, 2L, 3L, 10L, 11L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "x", "1..x", "1...5", "1,,2", "-3", "1..", "..4", "1-5", "99999999999999999999"})
        void badSyntaxIsRefusedNamingTheOption(String text) {
            assertThatThrownBy(() -> Seeds.parse(text)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--seeds '" + text + "': expected seeds such as 1..500, 7 or 1,5,9");
        }

        @Test
        void anEmptyRangeIsRefused() {
            assertThatThrownBy(() -> Seeds.parse("5..1")).isInstanceOf(InvalidInputException.class)
                    .hasMessage("--seeds '5..1': the range 5..1 is empty; write the smaller seed first");
        }

        @Test
        void aMillionSeedsAreTheMost() {
            assertThat(Seeds.parse("1..1000000")).hasSize(1_000_000);
            assertThatThrownBy(() -> Seeds.parse("0..1000000")).hasMessageContaining("more than 1000000 seeds");
            assertThatThrownBy(() -> Seeds.parse("1..1000000,0")).hasMessageContaining("more than 1000000 seeds");
        }
    }

    @Nested
    class TheProgressLine {

        @Test
        void showsTheBarTheCountsAndTheTimeLeft() {
            assertThat(ProgressBar.line(123, 500, 120, 3, 0, Duration.ofSeconds(10)))
                    .isEqualTo("[####................] 123/500  valid 120  invalid 3  unknown 0  eta 0:31");
        }

        @Test
        void hasNoEstimateBeforeTheFirstRunEnds() {
            assertThat(ProgressBar.line(0, 3, 0, 0, 0, Duration.ZERO))
                    .isEqualTo("[....................] 0/3  valid 0  invalid 0  unknown 0  eta -:--");
        }

        @Test
        void isFullAtTheEnd() {
            assertThat(ProgressBar.line(3, 3, 2, 0, 1, Duration.ofSeconds(4)))
                    .isEqualTo("[####################] 3/3  valid 2  invalid 0  unknown 1  eta 0:00");
        }

        @Test
        void writesLongTimesWithHours() {
            assertThat(ProgressBar.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
            assertThat(ProgressBar.clock(Duration.ofMillis(61_200))).isEqualTo("1:02");
        }
    }

    @Test
    void replayCommandsQuoteWhatTheShellWouldSplit() {
        assertThat(SimulationSetup.replayCommand(java.nio.file.Path.of("simulations/my sim.yaml"),
                List.of("--seed", "7", "-D", "execution.checkpointing.interval=10 ms")))
                .isEqualTo("scripts/snapsim run 'simulations/my sim.yaml' --seed 7 -D 'execution.checkpointing.interval=10 ms'");
    }
}
