package io.snapsim.core.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.snapsim.core.InvalidInputException;
import io.snapsim.core.verdict.Outcome;
import io.snapsim.core.verdict.PlannedFault;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sweep's record, {@code sweep.jsonl} in the sweep's folder: a header line saying what was swept,
 * then one line per seed, appended as each seed's run ends (in the order they end, so a sweep cut
 * short still has every seed it finished). The sweep's report is drawn from this file alone. A log
 * is appended to by one thread, the sweep's own; {@link #read} may be called by anyone.
 */
public final class SweepLog implements AutoCloseable {
    /** The file's name in the sweep's folder. */
    public static final String FILE = "sweep.jsonl";
    /** What the header says the file is. */
    public static final String SCHEMA = "snapsim-sweep";
    /** The version of the format this code writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What was swept: the first line of the file.
     *
     * @param simulation    the simulation's name
     * @param file          the simulation file, as given
     * @param execution     {@code deterministic} (run times are virtual) or {@code live} (wall-clock)
     * @param seeds         the seeds, as given ({@code 1..500})
     * @param faultsPerSeed faults drawn per seed, or null when the simulation's fixed plan runs as it is
     * @param keepAll       whether passing seeds keep their run folders
     * @param parallel      runs at a time
     */
    public record Header(String schema, int version, String simulation, String file, String execution, String seeds,
                         Integer faultsPerSeed, boolean keepAll, int parallel) {
        public Header {
            Objects.requireNonNull(simulation, "simulation");
            Objects.requireNonNull(execution, "execution");
        }

        /** The header of a sweep this code writes. */
        public static Header of(String simulation, String file, String execution, String seeds, Integer faultsPerSeed,
                                boolean keepAll, int parallel) {
            return new Header(SCHEMA, VERSION, simulation, file, execution, seeds, faultsPerSeed, keepAll, parallel);
        }
    }

    /**
     * How one seed's run ended.
     *
     * @param seed       the seed
     * @param outcome    the verdict's outcome
     * @param reason     the verdict's reason, or why the run could not be judged
     * @param faults     the seed's fault plan, random items drawn
     * @param fired      the indices of the planned faults that fired
     * @param jobMillis  how long the job ran on its own clock (virtual in deterministic runs, wall-clock in
     *                   live ones), from its history; null when the run never started
     * @param wallMillis how long the seed took on this machine: reference, run and verdict
     * @param folder     the run folder, relative to the sweep's folder; null when it was not kept
     * @param replay     the command that runs this seed alone, with the same plan
     */
    public record Seed(long seed, Outcome outcome, String reason, List<PlannedFault> faults, List<Integer> fired,
                       Long jobMillis, long wallMillis, String folder, String replay) {
        public Seed {
            Objects.requireNonNull(outcome, "outcome");
            faults = faults == null ? List.of() : List.copyOf(faults);
            fired = fired == null ? List.of() : List.copyOf(fired);
        }
    }

    /** A sweep as its file records it: the header, and the seeds in the order they ended. */
    public record Sweep(Header header, List<Seed> seeds) {
        public Sweep {
            seeds = List.copyOf(seeds);
        }
    }

    private final Path file;
    private final BufferedWriter out;

    private SweepLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Starts {@code sweep.jsonl} in {@code sweepDir} (created if need be) with {@code header}. */
    public static SweepLog create(Path sweepDir, Header header) {
        Path file = sweepDir.resolve(FILE);
        try {
            Files.createDirectories(sweepDir);
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            SweepLog log = new SweepLog(file, out);
            log.line(header);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + file, e);
        }
    }

    /** Appends one seed's line and flushes it to the file. */
    public void append(Seed seed) {
        line(seed);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private void line(Object value) {
        try {
            out.write(JSON.writeValueAsString(value));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /**
     * Reads the sweep recorded in {@code sweepDir}.
     *
     * @throws InvalidInputException when the folder holds no {@code sweep.jsonl}, or a line of it is
     *                               not what it should be (the message names the file and the line)
     */
    public static Sweep read(Path sweepDir) {
        Path file = sweepDir.resolve(FILE);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Header header = header(file, in.readLine());
            List<Seed> seeds = new ArrayList<>();
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    seeds.add(seed(file, number, line));
                }
            }
            return new Sweep(header, seeds);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(sweepDir + ": not a sweep folder (no " + FILE + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Header header(Path file, String first) {
        try {
            JsonNode node = first == null ? null : JSON.readTree(first);
            if (node == null || !SCHEMA.equals(node.path("schema").asText())) {
                throw new InvalidInputException(file + ": line 1 is not a sweep header (\"schema\": \"" + SCHEMA + "\")");
            }
            if (node.path("version").asInt(-1) != VERSION) {
                throw new InvalidInputException(file + ": sweep format version " + node.path("version")
                        + ", this snapsim reads version " + VERSION);
            }
            return JSON.treeToValue(node, Header.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": line 1 is not a sweep header: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    private static Seed seed(Path file, int number, String line) {
        try {
            Seed seed = JSON.readValue(line, Seed.class);
            if (seed == null) {
                throw new InvalidInputException(file + ": line " + number + " is empty JSON");
            }
            return seed;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": line " + number + " is not a seed's result: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
