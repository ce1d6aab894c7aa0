package io.snapsim.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.history.History;
import io.snapsim.core.history.TaskEvents;
import io.snapsim.core.history.TaskPhase;
import io.snapsim.core.time.Clock;
import io.snapsim.runtime.services.RuntimeServices;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a task's history says of its phases: every change once, one end, with the record counts. */
class TaskPhasesTest {
    private final History.InMemory history = new History.InMemory();
    private final Clock clock = new Clock() {
        @Override
        public long millis() {
            return 42;
        }

        @Override
        public long nanos() {
            return 42_000_000;
        }
    };
    private final TaskHistory taskHistory = new TaskHistory(new RuntimeServices(clock, Runnable::run, new Random(1),
            history), "sum->sink#1", 3);

    private static TaskEvents.Lifecycle lifecycle(TaskPhase phase) {
        return new TaskEvents.Lifecycle(42, "sum->sink#1", 3, phase, null, null, null);
    }

    @Test
    void aNewTaskIsRecordedAsDeploying() {
        TaskPhases phases = new TaskPhases(taskHistory);

        assertThat(phases.current()).isEqualTo(TaskPhase.DEPLOYING);
        assertThat(history.events()).containsExactly(lifecycle(TaskPhase.DEPLOYING));
    }

    @Test
    void everyChangeIsRecordedAndTheEndCarriesTheRecordCountsAndMessage() {
        TaskPhases phases = new TaskPhases(taskHistory);

        phases.enter(TaskPhase.RESTORING);
        phases.enter(TaskPhase.RUNNING);
        phases.enter(TaskPhase.DRAINING);
        boolean ended = phases.end(TaskPhase.FINISHED, 0, 1_000, null);

        assertThat(ended).isTrue();
        assertThat(phases.hasEnded()).isTrue();
        assertThat(history.events()).containsExactly(lifecycle(TaskPhase.DEPLOYING), lifecycle(TaskPhase.RESTORING),
                lifecycle(TaskPhase.RUNNING), lifecycle(TaskPhase.DRAINING),
                new TaskEvents.Lifecycle(42, "sum->sink#1", 3, TaskPhase.FINISHED, 0L, 1_000L, null));
    }

    @Test
    void theStopThatFollowsAFailureIsNotASecondEnd() {
        TaskPhases phases = new TaskPhases(taskHistory);
        phases.enter(TaskPhase.RUNNING);
        phases.end(TaskPhase.FAILED, 7, 0, "boom");

        boolean endedAgain = phases.end(TaskPhase.CANCELLED, 7, 0, null);

        assertThat(endedAgain).isFalse();
        assertThat(phases.current()).isEqualTo(TaskPhase.FAILED);
        assertThat(history.events()).hasSize(3).last()
                .isEqualTo(new TaskEvents.Lifecycle(42, "sum->sink#1", 3, TaskPhase.FAILED, 7L, 0L, "boom"));
    }

    @Test
    void aPhaseNeverMovesBackAndATerminalPhaseIsOnlyReachedByEnding() {
        TaskPhases phases = new TaskPhases(taskHistory);
        phases.enter(TaskPhase.RUNNING);

        assertThatThrownBy(() -> phases.enter(TaskPhase.RESTORING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move back");
        assertThatThrownBy(() -> phases.enter(TaskPhase.FINISHED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> phases.end(TaskPhase.DRAINING, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
