package io.snapsim.core.history;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step of a run's history: what happened, when (the job's clock: virtual time in deterministic
 * runs), where, and for which checkpoint. Rendered as one JSON line of {@code history.jsonl}.
 *
 * @param time         milliseconds of the job's clock
 * @param actor        who: "master", "coordinator", or a subtask such as "counter#1"
 * @param type         what, e.g. "checkpoint-triggered", "barrier-received", "snapshot", "task-failed"
 * @param attempt      the execution attempt, or -1 when not tied to one
 * @param checkpointId the checkpoint, or -1
 * @param channel      the input channel, or -1
 * @param fault        the index of the planned fault this event is about (in the run's fault plan), or -1
 * @param detail       free text (no wall-clock values, no absolute paths: histories must replay byte for byte)
 * @param counts       named counters the event carries (records read and written, for example), possibly empty;
 *                     written in key order
 */
public record HistoryEvent(long time, String actor, String type, int attempt, long checkpointId, int channel,
                           int fault, String detail, SortedMap<String, Long> counts) {

    public HistoryEvent {
        counts = counts == null || counts.isEmpty() ? EMPTY : Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    /** An event about no particular fault, without counters. */
    public HistoryEvent(long time, String actor, String type, int attempt, long checkpointId, int channel, String detail) {
        this(time, actor, type, attempt, checkpointId, channel, -1, detail, EMPTY);
    }

    private static final SortedMap<String, Long> EMPTY = Collections.unmodifiableSortedMap(new TreeMap<>());

    /** The event as one line of JSON, with a fixed key order. */
    public String toJson() {
        StringBuilder b = new StringBuilder(96);
        b.append("{\"time\":").append(time).append(",\"actor\":");
        quote(b, actor);
        b.append(",\"type\":");
        quote(b, type);
        if (attempt >= 0) {
            b.append(",\"attempt\":").append(attempt);
        }
        if (checkpointId >= 0) {
            b.append(",\"checkpoint\":").append(checkpointId);
        }
        if (channel >= 0) {
            b.append(",\"channel\":").append(channel);
        }
        if (fault >= 0) {
            b.append(",\"fault\":").append(fault);
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(",\"detail\":");
            quote(b, detail);
        }
        if (!counts.isEmpty()) {
            b.append(",\"counts\":{");
            String separator = "";
            for (var count : counts.entrySet()) {
                b.append(separator);
                quote(b, count.getKey());
                b.append(':').append(count.getValue());
                separator = ",";
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
