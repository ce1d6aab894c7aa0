package io.snapsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapsim.core.api.CheckpointConfig;
import io.snapsim.core.api.ExternalizedCheckpointCleanup;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.HashMapStateBackend;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.api.functions.Collector;
import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.api.functions.KeyedProcessFunction;
import io.snapsim.core.api.functions.RuntimeContext;
import io.snapsim.core.api.state.ValueState;
import io.snapsim.core.api.state.ValueStateDescriptor;
import io.snapsim.core.checkpoint.CheckpointStats;
import io.snapsim.core.checkpoint.CheckpointStatus;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.sink.SinkOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of the source document ("Retained Checkpoints", "Directory Structure") compile
 * as written, apart from imports, and run on the actor runtime through {@code env.execute}.
 * ({@code RocksDBStateBackend} does not exist yet, so its snippet is left out.)
 */
class SourceDocumentTest {
    static final long RECORDS = 1_000_000;
    static final long KEYS = 10;

    @TempDir
    Path root;

    @Test
    void retainedCheckpointsSnippetRunsAndAFinishedJobDeletesItsCheckpoints() throws Exception {
        Path tempDir = Files.createDirectories(root.resolve("checkpoints"));
        Path output = root.resolve("output");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        env.enableCheckpointing(100);
        CheckpointConfig config = env.getCheckpointConfig();
        config.enableExternalizedCheckpoints(ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION);
        env.setStateBackend(new HashMapStateBackend());

        config.setCheckpointStorage("file://" + tempDir);
        env.setParallelism(2);
        env.fromSequence(0, RECORDS - 1)
                .keyBy(new Modulo(KEYS))
                .process(new Count())
                .sinkTo(FileSinks.transactional(output));

        CompletableFuture<JobResult> execution = CompletableFuture.supplyAsync(() -> {
            try {
                return env.execute("source-document");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean checkpointSeenInTheConfiguredDirectory = false;
        while (!execution.isDone()) {
            checkpointSeenInTheConfiguredDirectory |= hasCompletedCheckpoint(tempDir);
            Thread.sleep(2);
        }
        JobResult result = execution.get(1, TimeUnit.MINUTES);

        assertThat(result.status()).as("failure: %s", result.failureMessage()).isEqualTo(JobStatus.FINISHED);
        assertThat(result.counts().completed()).isPositive();
        assertThat(result.checkpointHistory()).extracting(CheckpointStats::status).contains(CheckpointStatus.COMPLETED);
        assertThat(checkpointSeenInTheConfiguredDirectory)
                .as("a chk-N/_metadata appeared under the per-job directory %s while the job ran", tempDir).isTrue();
        // finished → deleted, whatever the retention (RETAIN_ON_CANCELLATION only keeps them on cancellation)
        assertThat(tempDir.resolve(result.jobId())).doesNotExist();
        try (Stream<Path> left = Files.list(tempDir)) {
            assertThat(left).as("left in the checkpoint directory").isEmpty();
        }
        assertThat(result.latestCheckpoint()).isNull();
        assertThat(finalCounts(SinkOutput.readLines(output))).as("every key counted every record once")
                .hasSize((int) KEYS).allSatisfy((key, count) -> assertThat(count).isEqualTo(RECORDS / KEYS));
    }

    private static boolean hasCompletedCheckpoint(Path checkpointsDir) throws IOException {
        try (Stream<Path> walk = Files.walk(checkpointsDir, 3)) {
            return walk.anyMatch(p -> p.getFileName().toString().equals("_metadata")
                    && p.getParent().getFileName().toString().startsWith("chk-"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // the job deleted something while we walked: look again
        }
    }

    /** The highest count per key in "key,count" lines. */
    private static Map<String, Long> finalCounts(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            int comma = line.indexOf(',');
            counts.merge(line.substring(0, comma), Long.parseLong(line.substring(comma + 1)), Math::max);
        }
        return counts;
    }

    record Modulo(long keys) implements KeySelector<Long, Long> {
        @Override
        public Long getKey(Long value) {
            return value % keys;
        }
    }

    /** Counts records per key in ValueState; emits "key,count". */
    static final class Count extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, Collector<String> out) {
            long n = count.value() + 1;
            count.update(n);
            out.collect(ctx.getCurrentKey() + "," + n);
        }
    }
}
