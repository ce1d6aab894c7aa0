package io.snapsim.core.checkpoint;

/**
 * Identity of one parallel instance of an operator: the operator's uid and the subtask index.
 * Immutable; safe to share between threads.
 */
public record SubtaskId(String operatorId, int subtaskIndex) implements Comparable<SubtaskId> {
    public SubtaskId {
        if (operatorId == null || operatorId.isBlank()) {
            throw new IllegalArgumentException("operatorId must not be blank");
        }
        if (subtaskIndex < 0) {
            throw new IllegalArgumentException("subtaskIndex must be >= 0, was " + subtaskIndex);
        }
    }

    @Override
    public int compareTo(SubtaskId o) {
        int c = operatorId.compareTo(o.operatorId);
        return c != 0 ? c : Integer.compare(subtaskIndex, o.subtaskIndex);
    }

    @Override
    public String toString() {
        return operatorId + "#" + subtaskIndex;
    }
}
