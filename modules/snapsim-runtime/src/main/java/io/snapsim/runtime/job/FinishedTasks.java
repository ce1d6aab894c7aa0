package io.snapsim.runtime.job;

import io.snapsim.runtime.protocol.TaskKey;
import io.snapsim.runtime.protocol.TaskLifecycle.TaskFinished;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the finished tasks of a job reported: which tasks of the running attempt finished and their
 * final keyed state, merged (operator, state name, key, value; every map in key order), and the
 * source and sink records of every task that finished in the run. A new attempt starts with no
 * task finished and no final state; the record counts carry over.
 *
 * <p>Not thread-safe: confined to the job master.
 */
final class FinishedTasks {
    private final Set<TaskKey> finished = new HashSet<>();
    private final SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalState = new TreeMap<>();
    private long sourceRecords;
    private long sinkRecords;

    /** A new attempt was deployed: none of its tasks has finished. */
    void attemptDeployed() {
        finished.clear();
        finalState.clear();
    }

    /** A task of the running attempt finished; true when {@code taskCount} distinct tasks have. */
    boolean taskFinished(TaskFinished task, int taskCount) {
        finished.add(task.task());
        for (Map.Entry<String, SortedMap<String, SortedMap<String, Object>>> op : task.finalKeyedState().entrySet()) {
            SortedMap<String, SortedMap<String, Object>> merged = finalState.computeIfAbsent(op.getKey(), k -> new TreeMap<>());
            op.getValue().forEach((name, entries) -> merged.computeIfAbsent(name, k -> new TreeMap<>()).putAll(entries));
        }
        sourceRecords += task.sourceRecords();
        sinkRecords += task.sinkRecords();
        return finished.size() == taskCount;
    }

    /** How many tasks of the running attempt finished. */
    int count() {
        return finished.size();
    }

    /** The merged final keyed state of the running attempt's finished tasks (live: the caller must not change it). */
    SortedMap<String, SortedMap<String, SortedMap<String, Object>>> finalState() {
        return finalState;
    }

    long sourceRecords() {
        return sourceRecords;
    }

    long sinkRecords() {
        return sinkRecords;
    }
}
