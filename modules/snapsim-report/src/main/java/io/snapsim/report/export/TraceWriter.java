package io.snapsim.report.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the Trace Event Format's JSON object form ({@code {"traceEvents": [...], ...}}) one event
 * at a time, as Perfetto and chrome://tracing read it: metadata events naming processes and
 * threads, complete events ({@code ph: X}), instant events ({@code ph: i}, thread scope), async
 * begin and end events ({@code ph: b / e}), and flows between complete events ({@code bind_id} with
 * {@code flow_out} and {@code flow_in}). Times are microseconds. Confined to one writer thread.
 */
final class TraceWriter implements AutoCloseable {
    /** Where an event is drawn: a process and a thread (track) in it. */
    record Track(int pid, int tid) {
    }

    /** A flow end on a complete event: the same {@code id} on the slice it leaves and the slice it enters. */
    record Flow(long id, boolean out) {
    }

    private final JsonGenerator json;

    TraceWriter(OutputStream out, JsonNode otherData) throws IOException {
        json = new ObjectMapper().getFactory().createGenerator(out);
        json.writeStartObject();
        json.writeStringField("displayTimeUnit", "ms");
        json.writeFieldName("otherData");
        json.writeTree(otherData);
        json.writeArrayFieldStart("traceEvents");
    }

    /** Names a process ({@code process_name}) and orders it ({@code process_sort_index}). */
    void process(int pid, String name, int sortIndex) throws IOException {
        metadata("process_name", new Track(pid, 0), "name", name);
        metadata("process_sort_index", new Track(pid, 0), "sort_index", sortIndex);
    }

    /** Names a thread ({@code thread_name}) and orders it in its process ({@code thread_sort_index}). */
    void thread(Track track, String name, int sortIndex) throws IOException {
        metadata("thread_name", track, "name", name);
        metadata("thread_sort_index", track, "sort_index", sortIndex);
    }

    /** A point in time on a thread. */
    void instant(String name, String category, long micros, Track track, JsonNode args) throws IOException {
        start(name, category, "i", micros, track);
        json.writeStringField("s", "t");
        end(args);
    }

    /** A span on a thread, {@code flow} (or null) tying it to a span on another thread. */
    void complete(String name, String category, long micros, long durationMicros, Track track, JsonNode args,
                  Flow flow) throws IOException {
        start(name, category, "X", micros, track);
        json.writeNumberField("dur", durationMicros);
        if (flow != null) {
            json.writeNumberField("bind_id", flow.id());
            json.writeBooleanField(flow.out() ? "flow_out" : "flow_in", true);
        }
        end(args);
    }

    /** The start ({@code begin}) or the end of an async span {@code id}, which may overlap others of its process. */
    void async(boolean begin, String name, String category, long id, long micros, Track track, JsonNode args)
            throws IOException {
        start(name, category, begin ? "b" : "e", micros, track);
        json.writeStringField("id", "0x" + Long.toHexString(id));
        end(args);
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }

    private void metadata(String name, Track track, String field, Object value) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", track.pid());
        json.writeNumberField("tid", track.tid());
        json.writeObjectFieldStart("args");
        json.writeObjectField(field, value);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void start(String name, String category, String phase, long micros, Track track) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("cat", category);
        json.writeStringField("ph", phase);
        json.writeNumberField("ts", micros);
        json.writeNumberField("pid", track.pid());
        json.writeNumberField("tid", track.tid());
    }

    private void end(JsonNode args) throws IOException {
        if (args != null && !args.isEmpty()) {
            json.writeFieldName("args");
            json.writeTree(args);
        }
        json.writeEndObject();
    }
}
