package io.snapsim.core.barrier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BarrierHandlersTest {

    @Test
    void refusesATaskWithoutInputChannels() {
        assertThatThrownBy(() -> BarrierHandlers.aligned(0, new RecordingController()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BarrierHandlers.atLeastOnce(-1, new RecordingController()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingController() {
        assertThatThrownBy(() -> BarrierHandlers.aligned(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BarrierHandlers.atLeastOnce(1, null)).isInstanceOf(NullPointerException.class);
    }
}
