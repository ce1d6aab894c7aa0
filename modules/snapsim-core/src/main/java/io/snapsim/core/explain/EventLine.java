package io.snapsim.core.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One history event as a short line for a terminal: its time, actor, type and fields, as
 * {@code t=25 ms  sum->sink#0  barrier-received  checkpoint=1 channel=1 records=14630}. The fields
 * are the event's own, in the order {@code history.jsonl} writes them. Stateless.
 */
public final class EventLine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("type", "time", "actor", "attempt");

    private EventLine() {
    }

    public static String of(HistoryEvent event) {
        JsonNode node;
        try {
            node = JSON.readTree(HistoryJson.write(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back " + event, e);
        }
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!COMMON.contains(field.getKey())) {
                JsonNode value = field.getValue();
                fields.add(field.getKey() + "=" + (value.isTextual() ? value.asText() : value.toString()));
            }
        }
        return "t=" + event.time() + " ms  " + event.actor() + "  " + event.type()
                + (fields.isEmpty() ? "" : "  " + String.join(" ", fields));
    }
}
