package io.snapsim.report;

import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One checkpoint as the report shows it: its statistics row ({@link CheckpointStats}, drawn by
 * {@code CheckpointHistory}), when it ended, the folder it completed into, and each task's
 * acknowledgement while it was pending, with Flink's per-subtask figures. Immutable.
 *
 * @param stats   the statistics row
 * @param endTime when it completed or failed, or -1 while in progress
 * @param folder  the folder it completed into ({@code chk-3}, a savepoint's), or null
 * @param acks    the acknowledgements it received while pending, in history order
 */
record CheckpointView(CheckpointStats stats, long endTime, String folder, List<Ack> acks) {

    CheckpointView {
        acks = List.copyOf(acks);
    }

    /**
     * One task's acknowledgement.
     *
     * @param vertex       the index of the task's chain in the job's shape, or -1 when unknown
     * @param task         the task, such as {@code sum->sink#0}
     * @param subtask      its subtask index
     * @param time         when it acknowledged
     * @param checkpointed bytes its operators wrote (the delta when incremental)
     * @param full         all the chain needs to restore
     * @param byOperator   bytes written per operator uid
     */
    record Ack(int vertex, String task, int subtask, long time, long checkpointed, long full, long sync, long async,
               long alignment, long startDelay, Map<String, Long> byOperator) {
        Ack {
            byOperator = Collections.unmodifiableSortedMap(new TreeMap<>(byOperator)); // in key order: the page is byte-stable
        }

        /** The four phases Flink's Gantt stacks: start delay, alignment, sync and async. */
        long total() {
            return startDelay + alignment + sync + async;
        }
    }

    /** The checkpoints of {@code input}'s run, in trigger order, one per row of its checkpoint statistics. */
    static List<CheckpointView> of(ReportInput input) {
        if (input.record().run() == null) {
            return List.of();
        }
        JobShape shape = input.shape();
        Map<Long, List<Ack>> acks = new HashMap<>();
        Map<Long, Long> ends = new HashMap<>();
        Map<Long, String> folders = new HashMap<>();
        for (HistoryEvent event : input.history()) {
            collect(event, shape, acks, ends, folders);
        }
        List<CheckpointView> views = new ArrayList<>();
        for (CheckpointStats stats : input.record().run().checkpointHistory()) {
            long id = stats.checkpointId();
            views.add(new CheckpointView(stats, ends.getOrDefault(id, -1L), folders.get(id), acks.getOrDefault(id, List.of())));
        }
        return views;
    }

    /** Adds what {@code event} says of a checkpoint: an acknowledgement while it is pending, or its end. */
    private static void collect(HistoryEvent event, JobShape shape, Map<Long, List<Ack>> acks, Map<Long, Long> ends,
                                Map<Long, String> folders) {
        if (event instanceof TaskEvents.Acknowledged a && !ends.containsKey(a.checkpoint())) {
            long written = a.checkpointedSizes().values().stream().mapToLong(Long::longValue).sum();
            acks.computeIfAbsent(a.checkpoint(), id -> new ArrayList<>()).add(new Ack(shape.vertexOf(a.actor()), a.actor(),
                    a.subtask(), a.time(), written, a.stateSize(), a.syncMillis(), a.asyncMillis(), a.alignmentMillis(),
                    a.startDelayMillis(), a.checkpointedSizes()));
        } else if (event instanceof CheckpointEvents.Completed c) {
            ends.putIfAbsent(c.checkpoint(), c.time());
            folders.put(c.checkpoint(), c.folder());
        } else if (event instanceof CheckpointEvents.SavepointCompleted c) {
            ends.putIfAbsent(c.checkpoint(), c.time());
            folders.put(c.checkpoint(), c.folder());
        } else if (event instanceof CheckpointEvents.Aborted a) {
            ends.putIfAbsent(a.checkpoint(), a.time());
        } else if (event instanceof CheckpointEvents.Triggered t) {
            acks.putIfAbsent(t.checkpoint(), new ArrayList<>());
        } else if (event instanceof CheckpointEvents.SavepointTriggered t) {
            acks.putIfAbsent(t.checkpoint(), new ArrayList<>());
        } else if (event instanceof JobEvents.CoordinatorCrashed crashed) {
            acks.keySet().forEach(id -> ends.putIfAbsent(id, crashed.time())); // what it left pending failed
        }
    }
}
