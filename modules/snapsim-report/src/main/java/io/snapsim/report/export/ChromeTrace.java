package io.snapsim.report.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapsim.core.history.Channels;
import io.snapsim.core.history.FaultInjected;
import io.snapsim.core.history.HappensBefore;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import io.snapsim.core.history.JobEvents;
import io.snapsim.core.history.TaskEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's history in the Trace Event Format, which Perfetto (https://ui.perfetto.dev) and
 * chrome://tracing open: a process for the job (a thread for the master, one for the coordinator,
 * with each checkpoint as an async span from trigger to end) and one per attempt, with a thread per
 * task. Every history event is one trace event on its actor's thread, its fields as the event's
 * arguments; barriers are zero-length slices joined by a flow arrow from the sending task to the
 * receiving one. Alignment and synchronous snapshots are complete events on the task's thread, its
 * asynchronous parts on a thread of their own next to it ({@link TraceSpans}, {@link TraceTracks}).
 * Times are microseconds: the history's
 * milliseconds (virtual in deterministic runs) times 1,000. Stateless.
 */
public final class ChromeTrace {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeTrace() {
    }

    /** Writes the trace of {@code history} to {@code out}; {@code about} describes the run (its simulation, seed, clock). */
    public static void write(List<HistoryEvent> history, Map<String, Object> about, OutputStream out) throws IOException {
        Channels channels = Channels.of(history);
        TraceTracks tracks = new TraceTracks(history);
        List<TraceSpans.Span> spans = TraceSpans.of(history, channels);
        Map<TraceSpans.Span, TraceWriter.Track> lanes = tracks.lanes(spans);
        try (TraceWriter trace = new TraceWriter(out, JSON.valueToTree(about))) {
            tracks.writeNames(trace);
            writeSpans(trace, spans, lanes);
            writeEvents(trace, history, tracks, flows(history));
        }
    }

    private static void writeSpans(TraceWriter trace, List<TraceSpans.Span> spans,
                                   Map<TraceSpans.Span, TraceWriter.Track> lanes) throws IOException {
        List<TraceSpans.Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingLong(TraceSpans.Span::startMillis)
                .thenComparing(Comparator.comparingLong(TraceSpans.Span::endMillis).reversed()));
        long asyncId = 0;
        for (TraceSpans.Span span : ordered) {
            TraceWriter.Track track = lanes.get(span);
            JsonNode args = JSON.valueToTree(span.args());
            long start = micros(span.startMillis());
            if (span.shape() == TraceSpans.Shape.COMPLETE) {
                trace.complete(span.name(), span.category(), start, micros(span.endMillis()) - start, track, args, null);
            } else {
                asyncId++;
                trace.async(true, span.category(), span.category(), asyncId, start, track, args);
                trace.async(false, span.category(), span.category(), asyncId, micros(span.endMillis()), track, null);
            }
        }
    }

    private static void writeEvents(TraceWriter trace, List<HistoryEvent> history, TraceTracks tracks,
                                    Map<Integer, TraceWriter.Flow> flows) throws IOException {
        for (int i = 0; i < history.size(); i++) {
            HistoryEvent event = history.get(i);
            ObjectNode args = fields(event);
            JsonNode checkpoint = args.get("checkpoint");
            String name = event.type() + (checkpoint == null || checkpoint.isNull() ? "" : " " + checkpoint.asText());
            TraceWriter.Track track = tracks.of(event);
            if (event instanceof TaskEvents.BarrierSent || event instanceof TaskEvents.BarrierReceived) {
                trace.complete(name, "barrier", micros(event.time()), 0, track, args, flows.get(i));
            } else {
                trace.instant(event instanceof FaultInjected f ? "fault: " + f.kind() : name, category(event),
                        micros(event.time()), track, args);
            }
        }
    }

    /** The flow end of every barrier event whose counterpart is known: one id per barrier. */
    private static Map<Integer, TraceWriter.Flow> flows(List<HistoryEvent> history) {
        Map<Integer, TraceWriter.Flow> flows = new HashMap<>();
        for (HappensBefore.Message m : HappensBefore.of(history)) {
            if (m.kind() == HappensBefore.Kind.BARRIER) {
                flows.put(m.send(), new TraceWriter.Flow(m.send() + 1L, true));
                flows.put(m.receive(), new TraceWriter.Flow(m.send() + 1L, false));
            }
        }
        return flows;
    }

    private static String category(HistoryEvent event) {
        if (event instanceof FaultInjected || event instanceof JobEvents.Failover
                || event instanceof JobEvents.CoordinatorCrashed || event instanceof JobEvents.CheckpointDamaged) {
            return "fault";
        }
        if (event instanceof TaskEvents.SinkPrecommitted || event instanceof TaskEvents.SinkCommitted
                || event instanceof TaskEvents.SinkAborted) {
            return "sink";
        }
        Class<?> group = event.getClass().getEnclosingClass();
        String type = group == null ? "" : group.getSimpleName();
        return switch (type) {
            case "CheckpointEvents" -> "checkpoint";
            case "JobEvents" -> "job";
            default -> "task";
        };
    }

    /** The event's fields as written in the history, but its type, time and actor. */
    private static ObjectNode fields(HistoryEvent event) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(HistoryJson.write(event));
            node.remove(List.of("type", "time", "actor"));
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back " + event, e);
        }
    }

    static long micros(long millis) {
        return millis * 1000;
    }
}
