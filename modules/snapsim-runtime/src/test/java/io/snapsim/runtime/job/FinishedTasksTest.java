package io.snapsim.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FinishedTasksTest {

    private static TaskFinished finished(int subtask, String key, long value, long sinkRecords) {
        SortedMap<String, Object> entries = new TreeMap<>();
        entries.put(key, value);
        SortedMap<String, SortedMap<String, Object>> states = new TreeMap<>();
        states.put("sum", entries);
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> byOperator = new TreeMap<>();
        byOperator.put("summer", states);
        return new TaskFinished(0, new TaskKey(1, subtask), byOperator, 0, sinkRecords, 0);
    }

    @Test
    void mergesTheFinalStateOfEveryTaskAndSaysWhenAllFinished() {
        FinishedTasks finished = new FinishedTasks();

        assertThat(finished.taskFinished(finished(0, "a", 1, 10), 2)).isFalse();
        assertThat(finished.taskFinished(finished(1, "b", 2, 5), 2)).isTrue();

        assertThat(finished.finalState().get("summer").get("sum")).containsExactly(
                Map.entry("a", 1L), Map.entry("b", 2L));
        assertThat(finished.sinkRecords()).isEqualTo(15);
    }

    @Test
    void aNewAttemptStartsWithNoTaskFinishedButKeepsTheRecordCounts() {
        FinishedTasks finished = new FinishedTasks();
        finished.taskFinished(finished(0, "a", 1, 10), 2);

        finished.attemptDeployed();

        assertThat(finished.count()).isZero();
        assertThat(finished.finalState()).isEmpty();
        assertThat(finished.sinkRecords()).isEqualTo(10);
    }
}
