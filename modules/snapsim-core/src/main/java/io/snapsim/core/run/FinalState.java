package io.snapsim.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A finished job's final keyed state as its run folder keeps it ({@code final-state.json}):
 * operator uid → state name → key → value, every value as its text, since the verdict compares
 * values as text, as the report shows them. Sorted, so that a seed writes the same bytes. Stateless.
 */
public final class FinalState {
    private static final TypeReference<TreeMap<String, TreeMap<String, TreeMap<String, Object>>>> TYPE =
            new TypeReference<>() {
            };

    private FinalState() {
    }

    /** Writes {@code state} to {@code file}, atomically. */
    public static void write(Path file, Map<String, ? extends Map<String, ? extends Map<String, ?>>> state) {
        SortedMap<String, SortedMap<String, SortedMap<String, Object>>> text = new TreeMap<>();
        state.forEach((operator, states) -> {
            SortedMap<String, SortedMap<String, Object>> byName = text.computeIfAbsent(operator, o -> new TreeMap<>());
            states.forEach((name, values) -> {
                SortedMap<String, Object> byKey = byName.computeIfAbsent(name, n -> new TreeMap<>());
                values.forEach((key, value) -> byKey.put(key, String.valueOf(value)));
            });
        });
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, RunFolder.mapper().writeValueAsBytes(text), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The state {@code file} holds.
     *
     * @throws InvalidInputException when the file is missing or is not a final state
     */
    public static TreeMap<String, TreeMap<String, TreeMap<String, Object>>> read(Path file) {
        try {
            return RunFolder.mapper().readValue(Files.readAllBytes(file), TYPE);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (a finished job's run folder holds its final state)");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not a final state (operator → state → key → value): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
