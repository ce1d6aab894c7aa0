package io.snapsim.core.api;

import io.snapsim.core.api.functions.KeySelector;
import io.snapsim.core.config.Configuration;
import io.snapsim.core.config.PipelineOptions;
import io.snapsim.core.graph.JobGraph;
import io.snapsim.core.graph.OperatorFactory;
import io.snapsim.core.graph.Partitioning;
import io.snapsim.core.graph.StreamEdge;
import io.snapsim.core.graph.StreamNode;
import io.snapsim.core.job.JobExecutor;
import io.snapsim.core.job.JobResult;
import io.snapsim.core.operators.SourceOperator;
import io.snapsim.core.source.ReplayableSource;
import io.snapsim.core.source.SequenceGeneratorSource;
import io.snapsim.core.source.TextFileSource;
import io.snapsim.core.state.KeyGroups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The entry point of a streaming job, modelled on Flink's: configure checkpointing and the state
 * backend, add sources and transformations, then {@link #execute(String)}. Settings made here are
 * Flink configuration keys with the highest precedence. Confined to the thread that builds the job.
 */
public final class StreamExecutionEnvironment {
    private final List<StreamNode> nodes = new ArrayList<>();
    private final List<StreamEdge> edges = new ArrayList<>();
    private final JobSettingsBuilder settings = new JobSettingsBuilder();
    private final CheckpointConfig checkpointConfig = new CheckpointConfig(settings);
    /** The configuration the environment runs with; what the code sets takes precedence over it. */
    private final Configuration configuration;
    private int parallelism = 1;

    private StreamExecutionEnvironment(Configuration configuration) {
        this.configuration = configuration.copy();
    }

    public static StreamExecutionEnvironment getExecutionEnvironment() {
        return new StreamExecutionEnvironment(new Configuration());
    }

    /**
     * An environment whose jobs take {@code pipeline.max-parallelism} from {@code configuration}
     * unless their code sets the max parallelism.
     */
    public static StreamExecutionEnvironment getExecutionEnvironment(Configuration configuration) {
        return new StreamExecutionEnvironment(configuration);
    }

    /** Turns on periodic checkpoints every {@code intervalMillis}, exactly-once. */
    public StreamExecutionEnvironment enableCheckpointing(long intervalMillis) {
        checkpointConfig.setCheckpointInterval(intervalMillis);
        return this;
    }

    public StreamExecutionEnvironment enableCheckpointing(long intervalMillis, CheckpointingMode mode) {
        checkpointConfig.setCheckpointInterval(intervalMillis);
        checkpointConfig.setCheckpointingMode(mode);
        return this;
    }

    public CheckpointConfig getCheckpointConfig() {
        return checkpointConfig;
    }

    /** Sets the state backend; a backend built with a directory also sets this job's checkpoint directory. */
    public StreamExecutionEnvironment setStateBackend(StateBackend backend) {
        settings.put("state.backend.type", backend.typeName());
        if (backend instanceof EmbeddedRocksDBStateBackend rocks && rocks.isIncremental()) {
            settings.put("execution.checkpointing.incremental", "true");
        }
        if (backend.checkpointDirectory() != null) {
            settings.put("execution.checkpointing.dir", backend.checkpointDirectory());
        }
        return this;
    }

    public StreamExecutionEnvironment setRestartStrategy(RestartStrategies.RestartStrategyConfiguration strategy) {
        strategy.keys().forEach(settings::put);
        return this;
    }

    public StreamExecutionEnvironment setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        settings.put("parallelism.default", Integer.toString(parallelism));
        return this;
    }

    public int getParallelism() {
        return parallelism;
    }

    /**
     * The number of key groups of every operator that does not set its own; without it (in code or
     * as {@code pipeline.max-parallelism}) each operator derives one from its parallelism
     * ({@link KeyGroups#computeDefaultMaxParallelism}).
     */
    public StreamExecutionEnvironment setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > KeyGroups.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("max parallelism must be in [1, 32768], was " + maxParallelism);
        }
        settings.put(PipelineOptions.MAX_PARALLELISM.key(), Integer.toString(maxParallelism));
        return this;
    }

    /** The max parallelism the code or configuration sets for the job's operators, or -1: each derives its own. */
    private int jobMaxParallelism() {
        String fromCode = settings.asMap().get(PipelineOptions.MAX_PARALLELISM.key());
        if (fromCode != null) {
            return PipelineOptions.MAX_PARALLELISM.parse(fromCode);
        }
        return configuration.getOptional(PipelineOptions.MAX_PARALLELISM).orElse(-1);
    }

    /** Sets any Flink configuration key from code (highest precedence). */
    public StreamExecutionEnvironment configure(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Adds a replayable source. */
    public <T> DataStream<T> fromSource(ReplayableSource<T> source, String name) {
        ReplayableSource<T> s = Functions.checked(source);
        StreamNode node = new StreamNode(nodes.size(), "source", name, () -> new SourceOperator(s), s);
        nodes.add(node);
        return new DataStream<>(this, node);
    }

    /** The numbers from..to (inclusive) spread over four splits. */
    public DataStream<Long> fromSequence(long from, long to) {
        long total = to - from + 1;
        SequenceGeneratorSource<Long> seq = SequenceGeneratorSource.sequence("sequence", total, 4);
        return fromSource(seq, "sequence").map(new Offset(from)).name("offset");
    }

    /** The lines of a text file; each line's offset is the position a checkpoint records. */
    public DataStream<String> readTextFile(String path) {
        return fromSource(new TextFileSource("text-file", List.of(Path.of(path))), "text-file");
    }

    /** Builds the job graph without running it. */
    public JobGraph getJobGraph(String jobName) {
        return JobGraph.resolve(jobName, nodes, edges, parallelism, jobMaxParallelism(), settings.asMap());
    }

    /** Runs the job to its end and returns its result (needs snapsim-runtime on the class path). */
    public JobResult execute(String jobName) throws Exception {
        JobExecutor executor = ServiceLoader.load(JobExecutor.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no JobExecutor found: put snapsim-runtime on the class path"));
        return executor.execute(getJobGraph(jobName));
    }

    public JobResult execute() throws Exception {
        return execute("snapsim job");
    }

    <I, O> DataStream<O> addOperator(DataStream<I> input, String kind, OperatorFactory factory,
                                     Partitioning partitioning, KeySelector<?, ?> key) {
        StreamNode node = new StreamNode(nodes.size(), kind, kind, factory, null);
        nodes.add(node);
        edges.add(new StreamEdge(input.node().id(), node.id(), 0, partitioning, key));
        return new DataStream<>(this, node);
    }

    <O> DataStream<O> addTwoInputOperator(StreamNode first, KeySelector<?, ?> key1, StreamNode second,
                                          KeySelector<?, ?> key2, OperatorFactory factory) {
        StreamNode node = new StreamNode(nodes.size(), "co-process", "co-process", factory, null);
        nodes.add(node);
        edges.add(new StreamEdge(first.id(), node.id(), 0, Partitioning.HASH, key1));
        edges.add(new StreamEdge(second.id(), node.id(), 1, Partitioning.HASH, key2));
        return new DataStream<>(this, node);
    }

    private record Offset(long from) implements io.snapsim.core.api.functions.MapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            return value + from;
        }
    }
}
