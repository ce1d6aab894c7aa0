package io.snapsim.cli;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.CheckpointingOptions;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.graph.StreamEdge;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.core.sim.FaultPlans.Channel;
import io.snapsim.core.sim.FaultPlans.PlanContext;
import io.snapsim.core.sim.SimulationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a random fault plan may be drawn from for a simulation: its job's operators and channels
 * (from the job graph), a rough count of the records each subtask processes (from the job's
 * parameters), and how long the run and its checkpoints are likely to last. The estimates only
 * aim faults at places a run reaches; a fault placed beyond the end of a run simply never fires.
 * Depends on the simulation file and the configuration alone, never on the seed's run, so that
 * {@code run --seed S} draws the same plan as the sweep that found S. Stateless.
 */
final class PlanContexts {

    /**
     * Records a deterministic run gets through per millisecond of virtual time, measured on the
     * built-in jobs (20,000 words in about 20 ms; 200,000 numbers in about 150 ms).
     */
    static final long RECORDS_PER_MILLI = 1000;
    /** The highest checkpoint id a random fault is placed at. */
    static final int MAX_CHECKPOINT = 10;
    /** The shortest horizon, so that small jobs still spread times over a few milliseconds. */
    static final long MIN_HORIZON_MILLIS = 10;
    /** Average bytes per word of a text file, to guess the words of a word count over a file. */
    private static final long BYTES_PER_WORD = 6;

    private PlanContexts() {
    }

    static PlanContext of(SimulationSpec spec, Configuration config) {
        JobGraph graph = graphOf(spec);
        Map<String, Long> recordsThrough = recordsThrough(spec);
        long totalRecords = recordsThrough.values().stream().mapToLong(Long::longValue).max().orElse(1000);

        Map<String, Integer> parallelism = new LinkedHashMap<>();
        Map<String, Long> perSubtask = new LinkedHashMap<>();
        for (JobGraph.ResolvedNode node : graph.nodes()) {
            parallelism.put(node.uid(), node.parallelism());
            if (!node.isSource()) {
                long through = recordsThrough.getOrDefault(node.uid(), totalRecords);
                perSubtask.put(node.uid(), Math.max(1, through / node.parallelism()));
            }
        }
        List<Channel> channels = new ArrayList<>();
        for (StreamEdge edge : graph.edges()) {
            channels.add(new Channel(graph.node(edge.sourceId()).uid(), graph.node(edge.targetId()).uid()));
        }
        long horizon = Math.max(MIN_HORIZON_MILLIS, totalRecords / RECORDS_PER_MILLI);
        Optional<Duration> interval = config.getOptional(CheckpointingOptions.INTERVAL);
        int maxCheckpoint = interval.map(i -> (int) Math.max(1, Math.min(MAX_CHECKPOINT, horizon / Math.max(1, i.toMillis()))))
                .orElse(0);
        return new PlanContext(parallelism, perSubtask, interval.isPresent(), maxCheckpoint, horizon, channels);
    }

    private static JobGraph graphOf(SimulationSpec spec) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(spec.parallelism());
        try {
            return BuiltInJobs.build(spec.job(), spec.parameters(), env, spec.seed(), FileSinks.discarding());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(spec.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * About how many records pass through each operator of the job (all subtasks together), by
     * uid, read from the parameters with the jobs' defaults. Operators not named get the largest.
     */
    private static Map<String, Long> recordsThrough(SimulationSpec spec) {
        Map<String, Object> p = spec.parameters();
        Map<String, Long> through = new LinkedHashMap<>();
        switch (spec.job()) {
            case "wordcount" -> {
                long words = p.get("file") != null ? wordsInFile(String.valueOf(p.get("file")))
                        : number(p, "records", 20_000);
                long lines = Math.max(1, words / Math.max(1, number(p, "words-per-line", 5)));
                through.put("tokenizer", lines);
                through.put("counter", words);
                through.put("sink", words);
            }
            case "running-sum" -> {
                long records = number(p, "records", 100_000);
                through.put("sum", records);
                through.put("sink", records);
            }
            case "join" -> {
                long orders = number(p, "orders", 5_000);
                long payments = orders * number(p, "payments-per-order", 2);
                through.put("join", orders + payments);
                through.put("sink", payments);
            }
            default -> through.put("", 1000L);
        }
        return through;
    }

    private static long number(Map<String, Object> parameters, String name, long absent) {
        Object value = parameters.get(name);
        if (value instanceof Number n) {
            return Math.max(1, n.longValue());
        }
        if (value != null) {
            try {
                return Math.max(1, Long.parseLong(value.toString().trim()));
            } catch (NumberFormatException e) {
                return absent;
            }
        }
        return absent;
    }

    private static long wordsInFile(String file) {
        try {
            return Math.max(1, Files.size(Path.of(file)) / BYTES_PER_WORD);
        } catch (IOException | RuntimeException e) {
            return 1000;
        }
    }
}
