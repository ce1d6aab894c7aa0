package io.snapsim.report.export;

import io.snapsim.core.history.Channels;
import io.snapsim.core.history.CheckpointEvents;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of time a run's history shows, per task and for the coordinator: each task's alignment
 * of a checkpoint (first barrier to the last, or to the abort), its synchronous snapshot (the
 * acknowledgement's sync duration, ending with the {@code snapshot} event and starting no earlier
 * than the alignment's end), its asynchronous part (from the snapshot to the acknowledgement or the
 * failed write), and each checkpoint at the coordinator (trigger to completion or abort). A span
 * its task or the run never ended is closed at the task's last event of the attempt, or at the
 * run's last event, and says so. Every span lies within the run. Stateless.
 */
final class TraceSpans {
    /** How a span is drawn: nested on a thread, or as an async span that may overlap others. */
    enum Shape { COMPLETE, ASYNC }

    /** Which of its actor's threads a complete span goes on: the task's own, or the one of its asynchronous parts. */
    enum Row { TASK, ASYNC_PART }

    /** One span: on {@code actor}'s {@code row} of {@code attempt}, from {@code startMillis} to {@code endMillis}. */
    record Span(String name, String category, Shape shape, Row row, int attempt, String actor, long startMillis,
                long endMillis, Map<String, Object> args) {
    }

    private TraceSpans() {
    }

    /** The spans of {@code history}, in the order they end. */
    static List<Span> of(List<HistoryEvent> history, Channels channels) {
        return new Derivation(history, channels).spans();
    }

    /** A task's part in one checkpoint of one attempt. */
    private record Part(int attempt, String actor, long checkpoint) {
    }

    /** A task in one attempt. */
    private record Task(int attempt, String actor) {
    }

    /** A span begun and not yet ended. */
    private record Open(long start, Map<String, Object> args) {
    }

    /** One pass over the history, closing spans as their end events come. Confined to one call. */
    private static final class Derivation {
        private final List<HistoryEvent> history;
        private final Channels channels;
        private final Map<Part, TaskEvents.Acknowledged> acks = new HashMap<>();
        private final Map<Part, Open> alignments = new LinkedHashMap<>();
        private final Map<Part, Long> alignmentEnds = new HashMap<>();
        private final Map<Part, Open> asyncParts = new LinkedHashMap<>();
        private final Map<Long, Open> checkpoints = new LinkedHashMap<>();
        private final Map<Task, Long> firstOfTask = new HashMap<>();
        private final Map<Task, Long> lastOfTask = new LinkedHashMap<>();
        private final List<Span> spans = new ArrayList<>();

        Derivation(List<HistoryEvent> history, Channels channels) {
            this.history = history;
            this.channels = channels;
            for (HistoryEvent event : history) {
                if (event instanceof TaskEvents.Acknowledged a) {
                    acks.put(new Part(a.attempt(), a.actor(), a.checkpoint()), a);
                }
            }
        }

        List<Span> spans() {
            for (HistoryEvent event : history) {
                Task task = new Task(event.attempt(), event.actor());
                firstOfTask.putIfAbsent(task, event.time());
                lastOfTask.put(task, event.time());
                taskEvent(event);
                coordinatorEvent(event);
            }
            lastOfTask.forEach((task, last) -> closeTask(task, last, "the history ends first"));
            long end = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
            checkpoints.forEach((id, open) -> closeCheckpoint(id, open, end, "pending when the history ends"));
            return List.copyOf(spans);
        }

        private void taskEvent(HistoryEvent event) {
            if (event instanceof TaskEvents.AlignmentStarted s) {
                Map<String, Object> args = args("checkpoint", s.checkpoint());
                args.put("blocked", new ArrayList<String>());
                alignments.put(part(s, s.checkpoint()), new Open(s.time(), args));
            } else if (event instanceof TaskEvents.ChannelBlocked b) {
                blocked(b);
            } else if (event instanceof TaskEvents.AlignmentCompleted c) {
                alignmentEnds.put(part(c, c.checkpoint()), c.time());
                closeAlignment(part(c, c.checkpoint()), c.time(), "completed in " + c.durationMillis() + " ms");
            } else if (event instanceof TaskEvents.AlignmentAborted a) {
                closeAlignment(part(a, a.checkpoint()), a.time(), "aborted: " + a.reason());
            } else if (event instanceof TaskEvents.Snapshot s) {
                snapshot(s);
            } else if (event instanceof TaskEvents.Acknowledged a) {
                Map<String, Object> args = args("checkpoint", a.checkpoint());
                args.put("asyncMillis", a.asyncMillis());
                args.put("checkpointedSizes", a.checkpointedSizes());
                args.put("stateSize", a.stateSize());
                closeAsync(part(a, a.checkpoint()), a.time(), "acknowledged", args);
            } else if (event instanceof TaskEvents.SnapshotWriteFailed f) {
                closeAsync(part(f, f.checkpoint()), f.time(), "write failed: " + f.message(), Map.of());
            } else if (event instanceof TaskEvents.Lifecycle l && l.phase().isTerminal()) {
                closeTask(new Task(l.attempt(), l.actor()), l.time(), "the task ended " + l.phase().displayName());
            }
        }

        private void blocked(TaskEvents.ChannelBlocked b) {
            Open open = alignments.get(part(b, b.checkpoint()));
            if (open != null) {
                String from = channels.sender(b.attempt(), b.actor(), b.channel()).map(s -> " from " + s.task()).orElse("");
                @SuppressWarnings("unchecked")
                List<String> blocked = (List<String>) open.args().get("blocked");
                blocked.add("channel " + b.channel() + from + " at " + b.time() + " ms");
            }
        }

        /** The synchronous part ends with the snapshot event; the asynchronous part starts there. */
        private void snapshot(TaskEvents.Snapshot s) {
            Part part = part(s, s.checkpoint());
            TaskEvents.Acknowledged ack = acks.get(part);
            long start = s.time() - (ack == null ? 0 : ack.syncMillis());
            start = Math.max(start, alignmentEnds.getOrDefault(part, start));
            start = Math.max(start, firstOfTask.get(new Task(s.attempt(), s.actor())));
            Map<String, Object> args = args("checkpoint", s.checkpoint());
            args.put("syncMillis", ack == null ? null : ack.syncMillis());
            args.put("records", s.records());
            if (!s.sourcePositions().isEmpty()) {
                args.put("sourcePositions", s.sourcePositions());
            }
            spans.add(new Span("sync snapshot " + s.checkpoint(), "snapshot", Shape.COMPLETE, Row.TASK, s.attempt(),
                    s.actor(), start, s.time(), args));
            asyncParts.put(part, new Open(s.time(), args("checkpoint", s.checkpoint())));
        }

        private void coordinatorEvent(HistoryEvent event) {
            if (event instanceof CheckpointEvents.Triggered t) {
                checkpoints.put(t.checkpoint(), new Open(t.time(), args("kind", t.kind())));
            } else if (event instanceof CheckpointEvents.SavepointTriggered t) {
                String kind = t.stop() ? "stop-with-savepoint" : "savepoint";
                checkpoints.put(t.checkpoint(), new Open(t.time(), args("kind", kind)));
            } else if (event instanceof CheckpointEvents.Completed c) {
                endCheckpoint(c.checkpoint(), c.time(), "completed in " + c.folder());
            } else if (event instanceof CheckpointEvents.SavepointCompleted c) {
                endCheckpoint(c.checkpoint(), c.time(), "completed in " + c.folder());
            } else if (event instanceof CheckpointEvents.Aborted a) {
                endCheckpoint(a.checkpoint(), a.time(), "aborted: " + a.reason()
                        + (a.message() == null ? "" : " (" + a.message() + ")"));
            } else if (event instanceof JobEvents.CoordinatorCrashed c) {
                for (Iterator<Map.Entry<Long, Open>> it = checkpoints.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Long, Open> e = it.next();
                    it.remove();
                    closeCheckpoint(e.getKey(), e.getValue(), c.time(), "the coordinator crashed first");
                }
            }
        }

        private void endCheckpoint(long id, long time, String outcome) {
            Open open = checkpoints.remove(id);
            if (open != null) {
                closeCheckpoint(id, open, time, outcome);
            }
        }

        private void closeCheckpoint(long id, Open open, long end, String outcome) {
            Map<String, Object> args = args("checkpoint", id);
            args.putAll(open.args());
            args.put("outcome", outcome);
            spans.add(new Span("checkpoint " + id, "checkpoint", Shape.ASYNC, Row.TASK, -1, "coordinator", open.start(), end,
                    args));
        }

        private void closeAlignment(Part part, long end, String outcome) {
            Open open = alignments.remove(part);
            if (open != null) {
                Map<String, Object> args = new LinkedHashMap<>(open.args());
                args.put("outcome", outcome);
                spans.add(new Span("alignment " + part.checkpoint(), "alignment", Shape.COMPLETE, Row.TASK,
                        part.attempt(), part.actor(), open.start(), end, args));
            }
        }

        private void closeAsync(Part part, long end, String outcome, Map<String, Object> more) {
            Open open = asyncParts.remove(part);
            if (open != null) {
                Map<String, Object> args = new LinkedHashMap<>(open.args());
                args.putAll(more);
                args.put("outcome", outcome);
                spans.add(new Span("async part " + part.checkpoint(), "snapshot", Shape.COMPLETE, Row.ASYNC_PART,
                        part.attempt(), part.actor(), open.start(), end, args));
            }
        }

        /** Closes what {@code task} left open when it ended (or the history did). */
        private void closeTask(Task task, long end, String why) {
            for (Part part : List.copyOf(alignments.keySet())) {
                if (part.attempt() == task.attempt() && part.actor().equals(task.actor())) {
                    closeAlignment(part, end, "unfinished: " + why);
                }
            }
            for (Part part : List.copyOf(asyncParts.keySet())) {
                if (part.attempt() == task.attempt() && part.actor().equals(task.actor())) {
                    closeAsync(part, end, "unfinished: " + why, Map.of());
                }
            }
        }

        private static Part part(HistoryEvent event, long checkpoint) {
            return new Part(event.attempt(), event.actor(), checkpoint);
        }

        private static Map<String, Object> args(String key, Object value) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put(key, value);
            return args;
        }
    }
}
