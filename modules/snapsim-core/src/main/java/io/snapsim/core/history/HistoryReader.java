package io.snapsim.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Set;

/**
 * Reads a run's {@code history.jsonl} back into {@link HistoryEvent}s: what summaries, verdicts and
 * reports draw from the run folder. Checks the header's schema and version first. Stateless.
 */
public final class HistoryReader {
    private HistoryReader() {
    }

    /** Every event of {@code file}, in file order. */
    public static List<HistoryEvent> read(Path file) {
        return read(file, Set.of());
    }

    /**
     * The events of {@code file} of the given classes (every event when empty), in file order.
     *
     * @throws InvalidInputException when the file is missing, is not a snapsim history of this
     *                               version, or a line is not an event
     */
    public static List<HistoryEvent> read(Path file, Set<Class<? extends HistoryEvent>> types) {
        Set<String> names = types.stream().map(HistoryJson::typeName).collect(java.util.stream.Collectors.toSet());
        List<HistoryEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            checkHeader(file, in.readLine());
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank() && mayBeOneOf(line, names)) {
                    HistoryEvent event = parse(line, file, number);
                    if (types.isEmpty() || types.contains(event.getClass())) {
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

    private static void checkHeader(Path file, String first) {
        int version = first == null ? -1 : HistoryJson.headerVersion(first);
        if (version < 0) {
            throw new InvalidInputException(file + ": not a snapsim history: its first line must be " + HistoryJson.HEADER
                    + " (histories of snapsim before schema version " + HistoryJson.VERSION + " cannot be read)");
        }
        if (version != HistoryJson.VERSION) {
            throw new InvalidInputException(file + ": history schema version " + version + ", this snapsim reads version "
                    + HistoryJson.VERSION);
        }
    }

    /** A cheap look before parsing: the line has one of the types (or any type is wanted). */
    private static boolean mayBeOneOf(String line, Set<String> names) {
        if (names.isEmpty()) {
            return true;
        }
        for (String name : names) {
            if (line.contains("\"type\":\"" + name + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static HistoryEvent parse(String line, Path file, int number) {
        try {
            return HistoryJson.read(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": line " + number + " is not a history event: " + e.getOriginalMessage());
        }
    }
}
