package io.snapsim.core.history;

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
 * @param detail       free text (no wall-clock values, no absolute paths: histories must replay byte for byte)
 */
public record HistoryEvent(long time, String actor, String type, int attempt, long checkpointId, int channel,
                           String detail) {

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
        if (detail != null && !detail.isEmpty()) {
            b.append(",\"detail\":");
            quote(b, detail);
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
