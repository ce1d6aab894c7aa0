package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.history.JobEvents.GraphOperator;
import io.snapsim.core.history.JobEvents.GraphVertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the checkpoint scripts read from the page: the job's tasks and chains, and for the most
 * recent checkpoints (as many as fit {@value #MAX_ACKS} acknowledgements in all, so the page stays
 * small for jobs with many subtasks) their row and their acknowledgements as compact arrays:
 * {@code [task index, chain index, subtask, time, checkpointed, full, sync, async, alignment,
 * start delay, {operator uid: bytes}]}. Times are relative to the job's start. Stateless.
 */
final class CheckpointData {
    /** Acknowledgements the page carries at most. */
    static final int MAX_ACKS = 50_000;

    private CheckpointData() {
    }

    /** The checkpoints with details in the page: the most recent ones, in trigger order. */
    static List<CheckpointView> kept(List<CheckpointView> views) {
        int acks = 0;
        int from = views.size();
        while (from > 0 && (from == views.size() || acks + views.get(from - 1).acks().size() <= MAX_ACKS)) {
            acks += views.get(from - 1).acks().size();
            from--;
        }
        return views.subList(from, views.size());
    }

    static Map<String, Object> of(List<CheckpointView> kept, JobShape shape, List<String> tasks, long start,
                                  long selected) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tasks", tasks);
        List<Map<String, Object>> vertices = new ArrayList<>();
        for (GraphVertex v : shape.vertices()) {
            Map<String, Object> vertex = new LinkedHashMap<>();
            vertex.put("name", v.name());
            vertex.put("parallelism", v.parallelism());
            vertex.put("operators", v.operators().stream().map(GraphOperator::uid).toList());
            vertices.add(vertex);
        }
        data.put("vertices", vertices);
        Map<String, Integer> taskIndex = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            taskIndex.put(tasks.get(i), i);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (CheckpointView view : kept) {
            items.add(item(view, taskIndex, start));
        }
        data.put("items", items);
        data.put("selected", selected);
        return data;
    }

    private static Map<String, Object> item(CheckpointView view, Map<String, Integer> taskIndex, long start) {
        CheckpointStats s = view.stats();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", s.checkpointId());
        item.put("status", s.status().name());
        item.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        item.put("trigger", s.triggerTimestamp() - start);
        item.put("acked", s.numAcknowledged());
        item.put("tasks", s.numTasks());
        item.put("e2e", s.endToEndDurationMs());
        item.put("folder", view.folder());
        item.put("failure", s.failureReason() == null ? null : s.failureReason() + " " + s.failureMessage());
        List<List<Object>> acks = new ArrayList<>();
        for (CheckpointView.Ack a : view.acks()) {
            acks.add(List.of(taskIndex.getOrDefault(a.task(), -1), a.vertex(), a.subtask(), a.time() - start, a.checkpointed(), a.full(),
                    a.sync(), a.async(), a.alignment(), a.startDelay(), a.byOperator()));
        }
        item.put("acks", acks);
        return item;
    }
}
