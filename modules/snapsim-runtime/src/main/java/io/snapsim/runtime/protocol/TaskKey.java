package io.snapsim.runtime.protocol;

/** A task: the vertex (chain of operators) it runs and its subtask index. Ordered by vertex, then subtask. */
public record TaskKey(int vertex, int subtask) implements Comparable<TaskKey> {
    @Override
    public int compareTo(TaskKey o) {
        return vertex != o.vertex ? Integer.compare(vertex, o.vertex) : Integer.compare(subtask, o.subtask);
    }
}
