package io.snapsim.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CheckpointCoordinatorConfigTest {

    @Test
    void acceptsTheSmallestValidValues() {
        CheckpointCoordinatorConfig config = new CheckpointCoordinatorConfig(1, 1, 0, 1, 0, 1);
        assertThat(config.minPauseMs()).isZero();
    }

    @Test
    void defaultsFollowFlink() {
        assertThat(CheckpointCoordinatorConfig.withDefaults(5_000))
                .isEqualTo(new CheckpointCoordinatorConfig(5_000, 600_000, 0, 1, 0, 1));
    }

    @Test
    void rejectsNonPositiveIntervalNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(0, 1, 0, 1, 0, 1))
                .withMessage("execution.checkpointing.interval must be > 0, was 0");
    }

    @Test
    void rejectsNonPositiveTimeoutNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(1, -1, 0, 1, 0, 1))
                .withMessage("execution.checkpointing.timeout must be > 0, was -1");
    }

    @Test
    void rejectsNegativeMinPauseNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(1, 1, -5, 1, 0, 1))
                .withMessage("execution.checkpointing.min-pause must be >= 0, was -5");
    }

    @Test
    void rejectsZeroMaxConcurrentNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(1, 1, 0, 0, 0, 1))
                .withMessage("execution.checkpointing.max-concurrent-checkpoints must be >= 1, was 0");
    }

    @Test
    void rejectsNegativeTolerableFailuresNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(1, 1, 0, 1, -1, 1))
                .withMessage("execution.checkpointing.tolerable-failed-checkpoints must be >= 0, was -1");
    }

    @Test
    void rejectsZeroNumRetainedNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckpointCoordinatorConfig(1, 1, 0, 1, 0, 0))
                .withMessage("execution.checkpointing.num-retained must be >= 1, was 0");
    }
}
