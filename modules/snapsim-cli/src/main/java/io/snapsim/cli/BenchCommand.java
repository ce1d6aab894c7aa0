package io.snapsim.cli;

import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.jobs.BuiltInJobs;
import io.snapsim.runtime.job.JobIds;
import io.snapsim.runtime.job.JobRunSettings;
import io.snapsim.runtime.job.JobRunner;
import io.snapsim.runtime.job.JobSettingsResolver;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snapsim bench}: throughput of the keyed running sum on the live runtime, with
 * checkpointing off and at the given intervals, each measured several times in one JVM; prints
 * the median records per second of each and its ratio to checkpointing off.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures records/s of the keyed running sum with checkpointing off and at intervals.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--records", description = "records per run (default ${DEFAULT-VALUE})")
    long records = 20_000_000;

    @Option(names = "--keys", description = "distinct keys (default ${DEFAULT-VALUE})")
    long keys = 10_000;

    @Option(names = {"-p", "--parallelism"}, description = "parallelism (default ${DEFAULT-VALUE})")
    int parallelism = 2;

    @Option(names = "--intervals", split = ",", description = "checkpoint intervals; 'off' for none (default off,1 s,100 ms)")
    List<String> intervals = List.of("off", "1 s", "100 ms");

    @Option(names = "--repeat", description = "measured runs per setting (default ${DEFAULT-VALUE})")
    int repeat = 3;

    @Option(names = "--warmup", description = "unmeasured warm-up rounds, one run of every setting each (default ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--execution", split = ",", description = "live and/or deterministic (default live)")
    List<String> executions = List.of("live");

    @Option(names = "--backend", description = "state.backend.type: hashmap or rocksdb (default ${DEFAULT-VALUE})")
    String backend = "hashmap";

    @Option(names = "--incremental", description = "RocksDB: incremental checkpoints (execution.checkpointing.incremental)")
    boolean incremental;

    @Option(names = "--dir", description = "checkpoint directory (default: a new temporary directory)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        Path checkpoints = dir != null ? dir : Files.createTempDirectory("snapsim-bench");
        out.printf("keyed running sum: %,d records, %,d keys, parallelism %d, %s state%s, %d run(s) per setting after %d warm-up%n",
                records, keys, parallelism, backend, incremental ? " (incremental checkpoints)" : "", repeat, warmup);
        out.printf("machine: %d cores, %s %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        for (int i = 0; i < warmup; i++) {
            for (String execution : executions) {
                for (String interval : intervals) {
                    measure(interval, checkpoints, -1 - i, execution); // JIT, class loading, the journal's first start
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        int seed = 0;
        for (String execution : executions) {
          for (String interval : intervals) {
            List<Double> rates = new ArrayList<>();
            List<Long> completed = new ArrayList<>();
            List<Double> written = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                Measurement m = measure(interval, checkpoints, seed++, execution);
                rates.add(m.recordsPerSecond());
                completed.add(m.checkpoints());
                if (m.writtenShare() >= 0) {
                    written.add(m.writtenShare());
                }
            }
            double median = median(rates);
            medians.put(executions.size() > 1 ? execution + " " + interval : interval, median);
            out.printf("  %-13s checkpointing %-7s median %,12.0f records/s   runs %s   checkpoints %s%s%n", execution,
                    interval, median, rates.stream().map(v -> String.format("%,.0f", v)).toList(), completed,
                    written.isEmpty() ? "" : String.format("   checkpointed/full size %.1f%%", 100 * median(written)));
          }
        }
        if (executions.contains("live") && executions.contains("deterministic")) {
            for (String interval : intervals) {
                out.printf("  %-7s deterministic takes %.2f times as long as live%n", interval,
                        medians.get("live " + interval) / medians.get("deterministic " + interval));
            }
        }
        Double off = medians.get("off");
        if (off != null) {
            for (Map.Entry<String, Double> e : medians.entrySet()) {
                if (!e.getKey().equals("off")) {
                    out.printf("  %-7s vs off: %.1f%% %s%n", e.getKey(), 100.0 * Math.abs(1 - e.getValue() / off),
                            e.getValue() < off ? "slower" : "faster");
                }
            }
        }
        return 0;
    }

    /** @param writtenShare checkpointed over full size, summed over the completed checkpoints after the first; -1 if none */
    private record Measurement(double recordsPerSecond, long checkpoints, double writtenShare) {
    }

    private Measurement measure(String interval, Path checkpoints, long seed, String execution) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        JobGraph graph = BuiltInJobs.build("running-sum", Map.of("records", records, "keys", keys), env, 1,
                FileSinks.discarding());
        Map<String, String> keysMap = new LinkedHashMap<>();
        if (!interval.equals("off")) {
            keysMap.put("execution.checkpointing.interval", interval);
        }
        keysMap.put("restart-strategy.type", "none");
        keysMap.put("state.backend.type", backend);
        keysMap.put("execution.checkpointing.incremental", Boolean.toString(incremental));
        Configuration config = Configuration.fromMap(keysMap, "bench");
        String jobId = JobIds.newJobId(seed, "bench", checkpoints);
        JobRunSettings settings = JobSettingsResolver.resolve(config, jobId, checkpoints, List.of(), seed);
        long start = System.nanoTime();
        JobResult result;
        if (execution.equals("deterministic")) {
            result = JobRunner.runDeterministic(graph, settings, seed, e -> { }, JobRunner.DETERMINISTIC_HORIZON_MILLIS)
                    .orElseThrow(() -> new IllegalStateException("deterministic bench run did not end"));
        } else if (execution.equals("live")) {
            result = JobRunner.start(graph, settings, JobRunner.Journal.DURABLE, seed, e -> { })
                    .await(Duration.ofMinutes(30));
        } else {
            throw new io.snapsim.core.InvalidInputException("--execution: expected live or deterministic, got '" + execution + "'");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.status() != JobStatus.FINISHED) {
            throw new IllegalStateException("bench run " + result.status() + ": " + result.failureMessage());
        }
        long checkpointed = 0;
        long full = 0;
        boolean first = true;
        for (var stats : result.checkpointHistory()) {
            if (stats.status() == io.snapsim.core.checkpoint.CheckpointStatus.COMPLETED) {
                if (!first) { // the first checkpoint of a job uploads everything
                    checkpointed += stats.checkpointedSize();
                    full += stats.stateSize();
                }
                first = false;
            }
        }
        return new Measurement(records / seconds, result.counts() == null ? 0 : result.counts().completed(),
                full == 0 ? -1 : (double) checkpointed / full);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
