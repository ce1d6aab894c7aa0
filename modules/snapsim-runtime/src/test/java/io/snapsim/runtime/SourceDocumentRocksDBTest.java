package io.snapsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapsim.core.InvalidInputException;
import io.snapsim.core.api.FileSinks;
import io.snapsim.core.api.RocksDBStateBackend;
import io.snapsim.core.api.StreamExecutionEnvironment;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.job.JobStatus;
import io.snapsim.core.source.SequenceGeneratorSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source document's per-job form, {@code env.setStateBackend(new RocksDBStateBackend(...))}:
 * with an hdfs:// URI it is refused naming the scheme; with a file:// URI the job runs with its keyed
 * state in RocksDB and its checkpoints in that directory.
 */
class SourceDocumentRocksDBTest {
    @TempDir
    Path temp;

    /** Counts records per key in keyed state (which lives in RocksDB here). */
    static final class Count extends io.snapsim.core.api.functions.KeyedProcessFunction<Long, Long, String> {
        private transient io.snapsim.core.api.state.ValueState<Long> count;

        @Override
        public void open(io.snapsim.core.api.functions.RuntimeContext context) {
            count = context.getState(new io.snapsim.core.api.state.ValueStateDescriptor<>("count", Long.class, 0L));
        }

        @Override
        public void processElement(Long value, Context<Long> ctx, io.snapsim.core.api.functions.Collector<String> out) {
            count.update(count.value() + 1);
            out.collect(ctx.getCurrentKey() + "," + count.value());
        }
    }

    private static void job(StreamExecutionEnvironment env, Path out) {
        env.fromSource(SequenceGeneratorSource.sequence("numbers", 20_000, 4), "source")
                .keyBy(n -> n % 50)
                .process(new Count())
                .sinkTo(FileSinks.transactional(out));
    }

    @Test
    void theDocumentsHdfsFormIsRefusedNamingTheScheme() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.setStateBackend(new RocksDBStateBackend("hdfs:///checkpoints-data/"));
        job(env, temp.resolve("out"));

        assertThatThrownBy(() -> env.execute("hdfs"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'hdfs'")
                .hasMessageContaining("hdfs:///checkpoints-data/");
    }

    @Test
    void aFileUriRunsWithRocksDBAndThatCheckpointDirectory() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(20);
        env.setParallelism(2);
        env.setStateBackend(new RocksDBStateBackend("file://" + temp.resolve("checkpoints-data")));
        job(env, temp.resolve("out"));

        JobResult result = env.execute("file");

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(result.counts().completed()).isGreaterThanOrEqualTo(1);
        assertThat(temp.resolve("checkpoints-data")).isDirectory();
        assertThat(result.finalKeyedState().get("process").get("count")).hasSize(50)
                .allSatisfy((key, value) -> assertThat(value).isEqualTo(400L));
    }

    @Test
    void embeddedRocksDBWithIncrementalCheckpointsWritesLessThanTheFullSizeAfterTheFirst() throws Exception {
        for (boolean incremental : new boolean[] {true, false}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(5);
            env.setParallelism(2);
            env.getCheckpointConfig().setCheckpointStorage("file://" + temp.resolve("checkpoints-" + incremental));
            env.setStateBackend(new io.snapsim.core.api.EmbeddedRocksDBStateBackend(incremental));
            env.fromSource(SequenceGeneratorSource.sequence("numbers", 300_000, 4), "source")
                    .keyBy(n -> n % 5_000)
                    .process(new Count())
                    .sinkTo(FileSinks.transactional(temp.resolve("out-" + incremental)));

            JobResult result = env.execute("embedded");

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            var completed = result.checkpointHistory().stream()
                    .filter(s -> s.status() == io.snapsim.core.checkpoint.CheckpointStatus.COMPLETED).toList();
            assertThat(completed).as("incremental=%s", incremental).hasSizeGreaterThanOrEqualTo(3);
            assertThat(completed.get(0).checkpointedSize()).isEqualTo(completed.get(0).stateSize());
            if (incremental) {
                assertThat(completed.subList(1, completed.size()))
                        .as("later checkpoints reuse the files of earlier ones")
                        .anyMatch(s -> s.checkpointedSize() < s.stateSize());
            } else {
                assertThat(completed).allMatch(s -> s.checkpointedSize() == s.stateSize());
            }
            assertThat(result.finalKeyedState().get("process").get("count")).hasSize(5_000)
                    .allSatisfy((key, value) -> assertThat(value).isEqualTo(60L));
        }
    }
}
