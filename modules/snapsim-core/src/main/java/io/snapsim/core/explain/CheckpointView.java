package io.snapsim.core.explain;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One checkpoint or savepoint as the history has told it so far: when and why it was triggered,
 * which tasks acknowledged it, and how it ended. Mutable; confined to the {@link JobView} that owns it.
 */
public final class CheckpointView {
    /** Where a checkpoint stands. */
    public enum Status { PENDING, COMPLETED, ABORTED }

    private final long id;
    private final String kind;
    private final long triggeredAt;
    private final int tasks;
    private final int attempt;
    private final SortedMap<String, Integer> acknowledged = new TreeMap<>();
    private Status status = Status.PENDING;
    private long endedAt = -1;
    private String reason;
    private String folder;
    private long stateSize;

    CheckpointView(long id, String kind, long triggeredAt, int tasks, int attempt) {
        this.id = id;
        this.kind = kind;
        this.triggeredAt = triggeredAt;
        this.tasks = tasks;
        this.attempt = attempt;
    }

    public long id() {
        return id;
    }

    /** {@code periodic}, {@code final} or {@code savepoint}. */
    public String kind() {
        return kind;
    }

    public long triggeredAt() {
        return triggeredAt;
    }

    /** How many operator subtasks must acknowledge it (a task acknowledges for every operator of its chain). */
    public int tasks() {
        return tasks;
    }

    public int attempt() {
        return attempt;
    }

    /** The tasks that acknowledged it so far. */
    public SortedSet<String> acknowledged() {
        return new TreeSet<>(acknowledged.keySet());
    }

    /** The operator subtasks that acknowledged it so far, out of {@link #tasks()}. */
    public int acknowledgements() {
        return acknowledged.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Status status() {
        return status;
    }

    /** When it completed or was aborted, or -1. */
    public long endedAt() {
        return endedAt;
    }

    /** Why it was aborted ({@code REASON: message}), or null. */
    public String reason() {
        return reason;
    }

    /** Its folder ({@code chk-3}, a savepoint's folder), once complete. */
    public String folder() {
        return folder;
    }

    public long stateSize() {
        return stateSize;
    }

    /** "checkpoint 3" or "savepoint 3". */
    String label() {
        return ("savepoint".equals(kind) ? "savepoint " : "checkpoint ") + id;
    }

    void acknowledgedBy(String task, int operators) {
        acknowledged.put(task, operators);
    }

    void completed(long time, String inFolder, long size) {
        status = Status.COMPLETED;
        endedAt = time;
        folder = inFolder;
        stateSize = size;
    }

    void aborted(long time, String why) {
        status = Status.ABORTED;
        endedAt = time;
        reason = why;
    }
}
