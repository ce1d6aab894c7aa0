package io.snapsim.runtime.job;

import io.snapsim.runtime.protocol.TaskKey;
import java.util.HashSet;
import java.util.Set;

/**
 * A stop-with-savepoint under way: the savepoint completed, every task of the running attempt was
 * asked to stop once it has handled what is already in its mailbox, and this counts the tasks that
 * confirmed. The job ends (as cancelled) when as many tasks confirmed as the attempt has.
 *
 * <p>A failover or a coordinator crash during the stop does not cancel it: the stop, with the
 * confirmations counted so far, carries over to the attempt deployed next, whose tasks then count
 * as stopped when they finish. That is how the job master has always behaved, and a reshaping of
 * the master keeps it; Flink instead fails the stop and lets the restarted job run, which would be
 * a change of behaviour of its own.
 *
 * <p>Not thread-safe: confined to the job master.
 */
final class StopWithSavepoint {
    private final Set<TaskKey> stopped = new HashSet<>();

    /** {@code task} stopped; true when {@code taskCount} distinct tasks have. */
    boolean taskStopped(TaskKey task, int taskCount) {
        stopped.add(task);
        return stopped.size() == taskCount;
    }
}
