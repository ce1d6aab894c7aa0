package io.snapsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.snapsim.core.history.HistoryEvent;
import io.snapsim.core.history.HistoryJson;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history as compact rows for the page's scripts: one array per event, {@code [x, lane, kind,
 * attempt, field values...]}, where {@code kind} indexes {@link #kinds} ({@code [type, [field names],
 * codes]}: the event's own fields in the file's order, and per field {@code n} for a number or a
 * boolean, {@code s} for a text, list or map, which the row gives as an index into the
 * {@link StringTable}, written as the file writes it). Absent fields are null.
 * Arrays rather than an object per event keep a page of 100,000 events small and quick to parse.
 * Built once per report; not thread-safe.
 */
final class EventTable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final Set<String> COMMON = Set.of("time", "actor", "attempt");

    private final List<Object> kinds = new ArrayList<>();
    private final Map<Class<?>, Integer> kindOf = new HashMap<>();
    private final Map<Class<?>, List<String>> fieldsOf = new HashMap<>();
    private final StringTable strings;
    private final List<Object> rows = new ArrayList<>();

    EventTable(StringTable strings) {
        this.strings = strings;
    }

    /** Adds {@code event}, drawn at {@code x} on {@code lane}; returns its row number. */
    int add(HistoryEvent event, double x, int lane) {
        int kind = kind(event.getClass());
        List<String> fields = fieldsOf.get(event.getClass());
        List<Object> row = new ArrayList<>(4 + fields.size());
        row.add(Positions.round(x));
        row.add(lane);
        row.add(kind);
        row.add(event.attempt());
        JsonNode written = tree(event);
        for (String field : fields) {
            row.add(value(written.get(field)));
        }
        rows.add(row);
        return rows.size() - 1;
    }

    private int kind(Class<?> type) {
        Integer known = kindOf.get(type);
        if (known != null) {
            return known;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder textual = new StringBuilder();
        for (RecordComponent c : type.getRecordComponents()) {
            if (!COMMON.contains(c.getName())) {
                fields.add(c.getName());
                textual.append(isPlainValue(c.getType()) ? 'n' : 's');
            }
        }
        fieldsOf.put(type, fields);
        kinds.add(List.of(HistoryJson.typeName(type), fields, textual.toString()));
        kindOf.put(type, kinds.size() - 1);
        return kinds.size() - 1;
    }

    /** Numbers and booleans are written as they are; anything else (texts, lists, maps, phases) through {@link StringTable}. */
    private static boolean isPlainValue(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class;
    }

    /** The event's fields as the history file writes them (maps in key order), without writing text. */
    private static JsonNode tree(HistoryEvent event) {
        return JSON.valueToTree(event);
    }

    private Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return strings.of(node.isTextual() ? node.textValue() : node.toString());
    }

    /** Per kind, {@code [type, [field names]]}. */
    List<Object> kinds() {
        return kinds;
    }

    List<Object> rows() {
        return rows;
    }
}
