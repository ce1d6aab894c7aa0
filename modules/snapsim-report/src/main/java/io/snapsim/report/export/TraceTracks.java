package io.snapsim.report.export;

import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processes and threads of a run's trace: the job's process (a thread for the master, one for
 * the coordinator), then one process per attempt with a thread per task, in the order the history
 * first names them. A task's asynchronous parts go on a thread of their own next to it
 * ({@code <task> async}), and complete spans that overlap without nesting on an extra thread
 * ({@code <task> (overlapping 1)}). Thread ids are unique across processes. Confined to one export.
 */
final class TraceTracks {
    static final int JOB_PID = 1;

    /** A named thread and where it sorts in its process. */
    private record NamedThread(TraceWriter.Track track, String name, int sortIndex) {
    }

    private final Map<Integer, String> attempts = new TreeMap<>();
    private final Map<String, NamedThread> threads = new LinkedHashMap<>();
    private final Map<String, Integer> taskOrder = new HashMap<>();

    TraceTracks(List<HistoryEvent> history) {
        thread("master", JOB_PID, "master", 0);
        thread("coordinator", JOB_PID, "coordinator", 1);
        for (HistoryEvent event : history) {
            if (event instanceof JobEvents.Deployed d) {
                attempts.put(d.attempt(), "attempt " + d.attempt() + (d.checkpoint() == null ? " (fresh start)"
                        : " (restoring checkpoint " + d.checkpoint() + ")"));
            }
            if (isTask(event.actor())) {
                attempts.putIfAbsent(event.attempt(), "attempt " + event.attempt());
                taskOrder.putIfAbsent(event.attempt() + "/" + event.actor(), taskOrder.size());
                threadOf(event.attempt(), event.actor(), TraceSpans.Row.TASK, 0);
            }
        }
    }

    /** Where {@code event} is drawn. */
    TraceWriter.Track of(HistoryEvent event) {
        return isTask(event.actor()) ? threadOf(event.attempt(), event.actor(), TraceSpans.Row.TASK, 0)
                : threads.get(event.actor()).track();
    }

    /**
     * The thread of each span: async spans on their actor's thread; complete spans on the first
     * thread of their task and row where they nest with the spans already there.
     */
    Map<TraceSpans.Span, TraceWriter.Track> lanes(List<TraceSpans.Span> spans) {
        Map<TraceSpans.Span, TraceWriter.Track> lanes = new IdentityHashMap<>();
        Map<String, List<ArrayDeque<TraceSpans.Span>>> stacks = new HashMap<>();
        List<TraceSpans.Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingLong(TraceSpans.Span::startMillis)
                .thenComparing(Comparator.comparingLong(TraceSpans.Span::endMillis).reversed()));
        for (TraceSpans.Span span : ordered) {
            if (!isTask(span.actor())) {
                lanes.put(span, threads.get(span.actor()).track());
            } else if (span.shape() == TraceSpans.Shape.ASYNC) {
                lanes.put(span, threadOf(span.attempt(), span.actor(), TraceSpans.Row.TASK, 0));
            } else {
                String row = span.attempt() + "/" + span.actor() + "/" + span.row();
                lanes.put(span, lane(span, stacks.computeIfAbsent(row, k -> new ArrayList<>())));
            }
        }
        return lanes;
    }

    /** The first lane of the span's row where it nests (spans come by start, the longer first at equal starts). */
    private TraceWriter.Track lane(TraceSpans.Span span, List<ArrayDeque<TraceSpans.Span>> stacks) {
        for (int lane = 0; ; lane++) {
            if (lane == stacks.size()) {
                stacks.add(new ArrayDeque<>());
            }
            ArrayDeque<TraceSpans.Span> open = stacks.get(lane);
            while (!open.isEmpty() && open.peek().endMillis() <= span.startMillis()) {
                open.pop();
            }
            if (open.isEmpty() || span.endMillis() <= open.peek().endMillis()) {
                open.push(span);
                return threadOf(span.attempt(), span.actor(), span.row(), lane);
            }
        }
    }

    void writeNames(TraceWriter trace) throws IOException {
        trace.process(JOB_PID, "job: master and coordinator", 0);
        for (Map.Entry<Integer, String> attempt : attempts.entrySet()) {
            trace.process(pid(attempt.getKey()), attempt.getValue(), attempt.getKey() + 1);
        }
        for (NamedThread thread : threads.values()) {
            trace.thread(thread.track(), thread.name(), thread.sortIndex());
        }
    }

    /** The thread of a task's {@code row} and {@code lane} (0: the row's own), named and placed after its task. */
    private TraceWriter.Track threadOf(int attempt, String task, TraceSpans.Row row, int lane) {
        String name = task + (row == TraceSpans.Row.ASYNC_PART ? " async" : "")
                + (lane == 0 ? "" : " (overlapping " + lane + ")");
        int sortIndex = 2 + taskOrder.get(attempt + "/" + task) * 1000 + row.ordinal() * 500 + lane;
        return thread(attempt + "/" + name, pid(attempt), name, sortIndex);
    }

    private TraceWriter.Track thread(String key, int pid, String name, int sortIndex) {
        return threads.computeIfAbsent(key, k -> new NamedThread(new TraceWriter.Track(pid, threads.size() + 1), name,
                sortIndex)).track();
    }

    private static int pid(int attempt) {
        return JOB_PID + 1 + attempt;
    }

    private static boolean isTask(String actor) {
        return !actor.equals("master") && !actor.equals("coordinator");
    }
}
