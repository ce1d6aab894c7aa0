package io.snapsim.runtime.coordinator;

import io.snapsim.runtime.protocol.TaskKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tasks of the attempt that runs, as the coordinator knows them: which attempt, how to reach
 * each task and which of them are sources, and which sources have read all their input (then the
 * final checkpoint is due). A source's report may overtake its attempt's deployment (they come from
 * different senders): it is kept until that attempt is deployed.
 *
 * <p>Tasks are handed out in key order, so that deterministic runs send notifications in the same
 * order. Pure; confined to the coordinator actor.
 *
 * @param <R> how a task is reached (an actor reference in the coordinator)
 */
final class TaskRoster<R> {
    private int attempt = -1;
    private Map<TaskKey, R> tasks = Map.of();
    private Set<TaskKey> sources = Set.of();
    private final Set<TaskKey> exhaustedSources = new HashSet<>();
    private final Map<Integer, Set<TaskKey>> earlyExhausted = new HashMap<>();

    /** The attempt deployed last (-1 before the first deployment). */
    int attempt() {
        return attempt;
    }

    /** Attempt {@code newAttempt} runs these tasks now; sources it already reported exhausted count as such. */
    void deployed(int newAttempt, Map<TaskKey, R> newTasks, Set<TaskKey> newSources) {
        attempt = newAttempt;
        tasks = Map.copyOf(newTasks);
        sources = Set.copyOf(newSources);
        exhaustedSources.clear();
        Set<TaskKey> early = earlyExhausted.remove(newAttempt);
        if (early != null) {
            exhaustedSources.addAll(early);
        }
        earlyExhausted.keySet().removeIf(a -> a < newAttempt);
    }

    /**
     * Source {@code task} of {@code sourceAttempt} has read all its input.
     *
     * @return true when every source of the running attempt has now
     */
    boolean sourceExhausted(int sourceAttempt, TaskKey task) {
        if (sourceAttempt > attempt) {
            earlyExhausted.computeIfAbsent(sourceAttempt, a -> new HashSet<>()).add(task);
            return false;
        }
        if (sourceAttempt != attempt) {
            return false;
        }
        exhaustedSources.add(task);
        return exhaustedSources.containsAll(sources);
    }

    /** True when the running attempt has sources and every one of them has read all its input. */
    boolean allSourcesExhausted() {
        return !sources.isEmpty() && exhaustedSources.containsAll(sources);
    }

    /** Every task of the running attempt, in key order. */
    List<R> tasks() {
        return List.copyOf(new TreeMap<>(tasks).values());
    }

    /** The sources of the running attempt, in key order. */
    List<R> sources() {
        List<R> inOrder = new ArrayList<>();
        for (TaskKey source : new TreeSet<>(sources)) {
            inOrder.add(tasks.get(source));
        }
        return inOrder;
    }

    /** For diagnosing a stalled job. */
    String describe() {
        return "attempt " + attempt + ", exhausted sources " + exhaustedSources + " of " + sources;
    }
}
