package io.snapsim.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.runtime.protocol.TaskKey;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskRosterTest {
    private static final TaskKey SOURCE_0 = new TaskKey(0, 0);
    private static final TaskKey SOURCE_1 = new TaskKey(0, 1);
    private static final TaskKey SINK = new TaskKey(1, 0);

    private final TaskRoster<String> roster = new TaskRoster<>();

    private void deploy(int attempt) {
        roster.deployed(attempt, Map.of(SINK, "sink-" + attempt, SOURCE_1, "source1-" + attempt,
                SOURCE_0, "source0-" + attempt), Set.of(SOURCE_1, SOURCE_0));
    }

    @Test
    void knowsNoAttemptBeforeTheFirstDeployment() {
        assertThat(roster.attempt()).isEqualTo(-1);
        assertThat(roster.tasks()).isEmpty();
        assertThat(roster.allSourcesExhausted()).isFalse();
    }

    @Test
    void handsOutTasksAndSourcesInKeyOrder() {
        deploy(0);

        assertThat(roster.tasks()).containsExactly("source0-0", "source1-0", "sink-0");
        assertThat(roster.sources()).containsExactly("source0-0", "source1-0");
    }

    @Nested
    class SourceExhaustion {
        @Test
        void isCompleteOnceEverySourceOfTheRunningAttemptReported() {
            deploy(0);

            assertThat(roster.sourceExhausted(0, SOURCE_0)).isFalse();
            assertThat(roster.sourceExhausted(0, SOURCE_1)).isTrue();
            assertThat(roster.allSourcesExhausted()).isTrue();
        }

        @Test
        void ofAnEarlierAttemptIsForgotten() {
            deploy(1);

            assertThat(roster.sourceExhausted(0, SOURCE_0)).isFalse();
            assertThat(roster.sourceExhausted(0, SOURCE_1)).isFalse();
            assertThat(roster.allSourcesExhausted()).isFalse();
        }

        @Test
        void thatOvertookItsAttemptsDeploymentCountsOnceThatAttemptIsDeployed() {
            deploy(0);
            assertThat(roster.sourceExhausted(1, SOURCE_0)).isFalse();
            assertThat(roster.sourceExhausted(1, SOURCE_1)).isFalse();

            deploy(1);

            assertThat(roster.allSourcesExhausted()).isTrue();
        }

        @Test
        void startsOverWithEachDeployment() {
            deploy(0);
            roster.sourceExhausted(0, SOURCE_0);
            roster.sourceExhausted(0, SOURCE_1);

            deploy(1);

            assertThat(roster.allSourcesExhausted()).isFalse();
        }
    }
}
