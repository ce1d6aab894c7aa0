package io.snapsim.report;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's chains and edges as the report draws them: from the history's {@code job-graph} event,
 * or, for a history recorded before that event existed, the chains its task names show (no edges).
 * Immutable.
 *
 * @param vertices  the chains, in the job's order
 * @param edges     the edges between chains (empty when not described)
 * @param described whether the history described the graph ({@code job-graph})
 */
record JobShape(List<JobEvents.GraphVertex> vertices, List<JobEvents.GraphEdge> edges, boolean described) {

    JobShape {
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
    }

    /** The shape of the job whose history is {@code history}. */
    static JobShape of(List<HistoryEvent> history) {
        for (HistoryEvent event : history) {
            if (event instanceof JobEvents.GraphDescribed graph) {
                return new JobShape(graph.vertices(), graph.edges(), true);
            }
        }
        return fromTaskNames(history);
    }

    /** The index of the chain a task such as {@code sum->sink#0} runs, or -1. */
    int vertexOf(String actor) {
        int hash = actor.lastIndexOf('#');
        String name = hash < 0 ? actor : actor.substring(0, hash);
        for (int v = 0; v < vertices.size(); v++) {
            if (vertices.get(v).name().equals(name)) {
                return v;
            }
        }
        return -1;
    }

    /** Every subtask of the job, as tasks are named: chain by chain, subtask by subtask. */
    List<String> tasks() {
        List<String> tasks = new ArrayList<>();
        for (JobEvents.GraphVertex v : vertices) {
            for (int s = 0; s < v.parallelism(); s++) {
                tasks.add(v.name() + "#" + s);
            }
        }
        return tasks;
    }

    private static JobShape fromTaskNames(List<HistoryEvent> history) {
        Map<String, Integer> parallelism = new TreeMap<>();
        for (HistoryEvent event : history) {
            String actor = event.actor();
            int hash = actor.lastIndexOf('#');
            if (hash > 0 && hash < actor.length() - 1 && actor.substring(hash + 1).chars().allMatch(Character::isDigit)) {
                parallelism.merge(actor.substring(0, hash), Integer.parseInt(actor.substring(hash + 1)) + 1, Math::max);
            }
        }
        List<JobEvents.GraphVertex> vertices = new ArrayList<>();
        parallelism.forEach((name, p) -> vertices.add(new JobEvents.GraphVertex(vertices.size(), name, p, p,
                Arrays.stream(name.split("->")).map(uid -> new JobEvents.GraphOperator(uid, uid, "")).toList())));
        return new JobShape(vertices, List.of(), false);
    }
}
