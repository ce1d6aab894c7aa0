package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.runtime.protocol.TaskKey;
import org.junit.jupiter.api.Test;

class StopWithSavepointTest {

    @Test
    void isDoneWhenEveryTaskOfTheAttemptConfirmedOnce() {
        StopWithSavepoint stop = new StopWithSavepoint();

        assertThat(stop.taskStopped(new TaskKey(0, 0), 3)).isFalse();
        assertThat(stop.taskStopped(new TaskKey(0, 0), 3)).as("a task counts once").isFalse();
        assertThat(stop.taskStopped(new TaskKey(1, 0), 3)).isFalse();
        assertThat(stop.taskStopped(new TaskKey(1, 1), 3)).isTrue();
    }

    @Test
    void carriedOverToANewAttemptItCountsTheTasksThatConfirmedBefore() {
        StopWithSavepoint stop = new StopWithSavepoint();
        stop.taskStopped(new TaskKey(0, 0), 2);

        assertThat(stop.taskStopped(new TaskKey(0, 1), 2)).isTrue();
    }
}
