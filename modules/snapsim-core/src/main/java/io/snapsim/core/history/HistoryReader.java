package io.snapsim.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.snapsim.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a run's {@code history.jsonl} back into {@link HistoryEvent}s, the inverse of
 * {@link HistoryEvent#toJson()}: what summaries and verdicts draw from the run folder. Stateless.
 */
public final class HistoryReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryReader() {
    }

    /**
     * The events of {@code file} whose type is one of {@code types} (every event when empty), in
     * file order.
     *
     * @throws InvalidInputException when the file is missing or a line is not an event
     */
    public static List<HistoryEvent> read(Path file, Set<String> types) {
        List<HistoryEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank() && mayBeOneOf(line, types)) {
                    HistoryEvent event = parse(line, file, number);
                    if (types.isEmpty() || types.contains(event.type())) {
                        events.add(event);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (a run folder holds history.jsonl)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return events;
    }

    /** A cheap look before parsing: the line mentions one of the types (or any type is wanted). */
    private static boolean mayBeOneOf(String line, Set<String> types) {
        if (types.isEmpty()) {
            return true;
        }
        for (String type : types) {
            if (line.contains("\"" + type + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static HistoryEvent parse(String line, Path file, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": line " + number + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.hasNonNull("type") || !node.hasNonNull("time")) {
            throw new InvalidInputException(file + ": line " + number + " is not a history event (no time or type)");
        }
        Map<String, Long> counts = new TreeMap<>();
        JsonNode countsNode = node.path("counts");
        countsNode.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return new HistoryEvent(node.get("time").asLong(), node.path("actor").asText(""), node.get("type").asText(),
                node.path("attempt").asInt(-1), node.path("checkpoint").asLong(-1), node.path("channel").asInt(-1),
                node.path("fault").asInt(-1), node.hasNonNull("detail") ? node.get("detail").asText() : null,
                new TreeMap<>(counts));
    }
}
