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
 * first names them, and an extra thread for a task's spans that overlap without nesting. Thread ids
 * are unique across processes. Confined to one export.
 */
final class TraceTracks {
    static final int JOB_PID = 1;

    private final Map<Integer, String> attempts = new TreeMap<>();
    private final Map<String, TraceWriter.Track> threads = new LinkedHashMap<>();
    private final Map<String, String> threadNames = new HashMap<>();

    TraceTracks(List<HistoryEvent> history) {
        thread("master", JOB_PID, "master");
        thread("coordinator", JOB_PID, "coordinator");
        for (HistoryEvent event : history) {
            if (event instanceof JobEvents.Deployed d) {
                attempts.put(d.attempt(), "attempt " + d.attempt() + (d.checkpoint() == null ? " (fresh start)"
                        : " (restoring checkpoint " + d.checkpoint() + ")"));
            }
            if (isTask(event.actor())) {
                attempts.putIfAbsent(event.attempt(), "attempt " + event.attempt());
                thread(key(event.attempt(), event.actor(), 0), pid(event.attempt()), event.actor());
            }
        }
    }

    /** Where {@code event} is drawn. */
    TraceWriter.Track of(HistoryEvent event) {
        return isTask(event.actor()) ? threads.get(key(event.attempt(), event.actor(), 0)) : threads.get(event.actor());
    }

    /**
     * The thread of each span: async spans on their actor's thread; complete spans on the first
     * thread of their task where they nest with the spans already there (lane 0 is the task's own).
     */
    Map<TraceSpans.Span, TraceWriter.Track> lanes(List<TraceSpans.Span> spans) {
        Map<TraceSpans.Span, TraceWriter.Track> lanes = new IdentityHashMap<>();
        Map<String, List<ArrayDeque<TraceSpans.Span>>> stacks = new HashMap<>();
        List<TraceSpans.Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingLong(TraceSpans.Span::startMillis)
                .thenComparing(Comparator.comparingLong(TraceSpans.Span::endMillis).reversed()));
        for (TraceSpans.Span span : ordered) {
            if (!isTask(span.actor())) {
                lanes.put(span, threads.get(span.actor()));
            } else if (span.shape() == TraceSpans.Shape.ASYNC) {
                lanes.put(span, threads.get(key(span.attempt(), span.actor(), 0)));
            } else {
                lanes.put(span, lane(span, stacks.computeIfAbsent(key(span.attempt(), span.actor(), 0),
                        k -> new ArrayList<>())));
            }
        }
        return lanes;
    }

    /** The first lane of the task where {@code span} nests (spans come by start, the longer first at equal starts). */
    private TraceWriter.Track lane(TraceSpans.Span span, List<ArrayDeque<TraceSpans.Span>> stacks) {
        for (int lane = 0; ; lane++) {
            if (lane == stacks.size()) {
                stacks.add(new ArrayDeque<>());
                thread(key(span.attempt(), span.actor(), lane), pid(span.attempt()),
                        span.actor() + " (overlapping " + lane + ")");
            }
            ArrayDeque<TraceSpans.Span> open = stacks.get(lane);
            while (!open.isEmpty() && open.peek().endMillis() <= span.startMillis()) {
                open.pop();
            }
            if (open.isEmpty() || span.endMillis() <= open.peek().endMillis()) {
                open.push(span);
                return threads.get(key(span.attempt(), span.actor(), lane));
            }
        }
    }

    void writeNames(TraceWriter trace) throws IOException {
        trace.process(JOB_PID, "job: master and coordinator", 0);
        for (Map.Entry<Integer, String> attempt : attempts.entrySet()) {
            trace.process(pid(attempt.getKey()), attempt.getValue(), attempt.getKey() + 1);
        }
        int sort = 0;
        for (Map.Entry<String, TraceWriter.Track> thread : threads.entrySet()) {
            trace.thread(thread.getValue(), threadNames.get(thread.getKey()), sort++);
        }
    }

    private void thread(String key, int pid, String name) {
        if (!threads.containsKey(key)) {
            threads.put(key, new TraceWriter.Track(pid, threads.size() + 1));
            threadNames.put(key, name);
        }
    }

    private static String key(int attempt, String actor, int lane) {
        return attempt + "/" + actor + "/" + lane;
    }

    private static int pid(int attempt) {
        return JOB_PID + 1 + attempt;
    }

    private static boolean isTask(String actor) {
        return !actor.equals("master") && !actor.equals("coordinator");
    }
}
