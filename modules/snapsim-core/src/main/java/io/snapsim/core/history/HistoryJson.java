package io.snapsim.core.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place that turns {@link HistoryEvent}s into lines of {@code history.jsonl} and back, and
 * knows the file's header. Every permitted subtype of {@link HistoryEvent} is registered under its
 * {@code @JsonTypeName}. Stateless and thread-safe.
 */
public final class HistoryJson {
    /** What the first line of a history file says it is. */
    public static final String SCHEMA = "snapsim-history";
    /** The version of the event schema this code writes and reads (see docs/history.md). */
    public static final int VERSION = 2;
    /** The first line of every history file this code writes. */
    public static final String HEADER = "{\"schema\":\"" + SCHEMA + "\",\"version\":" + VERSION + "}";

    private static final Map<Class<?>, String> TYPE_NAMES;
    private static final ObjectMapper MAPPER;

    static {
        JsonMapper.Builder builder = JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        MAPPER = builder.build();
        Map<Class<?>, String> names = new HashMap<>();
        for (Class<?> type : HistoryEvent.class.getPermittedSubclasses()) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            if (name == null) {
                throw new IllegalStateException(type + " has no @JsonTypeName");
            }
            names.put(type, name.value());
            MAPPER.registerSubtypes(type);
        }
        TYPE_NAMES = Map.copyOf(names);
    }

    private HistoryJson() {
    }

    /** The {@code type} an event class is written with. */
    public static String typeName(Class<?> eventClass) {
        String name = TYPE_NAMES.get(eventClass);
        if (name == null) {
            throw new IllegalArgumentException(eventClass + " is not a history event");
        }
        return name;
    }

    /** The event as one line of JSON: its type first, then its fields in declaration order, nulls left out. */
    public static String write(HistoryEvent event) {
        try {
            return MAPPER.writerFor(HistoryEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event, e);
        }
    }

    /** One line of a history file as its event. */
    public static HistoryEvent read(String line) throws JsonProcessingException {
        return MAPPER.readValue(line, HistoryEvent.class);
    }

    /** The version a header line names, or -1 when the line is not a history header. */
    public static int headerVersion(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && SCHEMA.equals(node.path("schema").asText()) ? node.path("version").asInt(-1) : -1;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }
}
